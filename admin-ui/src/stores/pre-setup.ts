/**
 * The pre-setup window (what to prepare before the first Amazon store): shown once when an administrator opens
 * Add Amazon Store with no store yet; closing it remembers that, per admin and browser (like saved views), and
 * Learning and Preparation opens it again at any time.
 */
import { readJson, writeJson } from './storage';

const key = (adminId: number) => `asc.admin.${adminId}.preSetup.dismissed`;

export const preSetupDismissed = (adminId: number): boolean => readJson<boolean>(key(adminId), false) === true;

export function dismissPreSetup(adminId: number): void {
  writeJson(key(adminId), true);
}

/** Whether Add Amazon Store opens with the window: only before the first store, until dismissed. */
export const showPreSetup = (storeCount: number, loaded: boolean, dismissed: boolean): boolean => loaded && storeCount === 0 && !dismissed;
