/**
 * What the card buttons do, shared by the Amazon Stores page and the store view: start a consent in a
 * new tab, activate/deactivate, and say how it went in the messages bar.
 */
import type { Store } from '../api/types';
import { useAmazonStoresStore, type ConsentPurpose, type StoreAction } from './amazon-stores';
import { useNotifyStore } from './notify';

const DONE: Record<StoreAction, string> = {
  activate: 'is active again; sync resumes',
  deactivate: 'is inactive; sync is paused and nothing is lost',
  disconnect: 'is disconnected; its settings are kept',
};

/** What Deactivate does, said in its confirmation before it happens. */
export const DEACTIVATE_CONSEQUENCE =
  'Sync with Amazon pauses: catalog changes, prices and quantities are no longer sent, so the offers stay on Amazon as they are now. ' +
  'Nothing is deleted; pending changes are kept and sent when you activate the store again.';

export function useStoreActions() {
  const stores = useAmazonStoresStore();
  const notify = useNotifyStore();

  async function consent(store: Store, purpose: ConsentPurpose): Promise<void> {
    // A new tab, so this page keeps polling and the card updates when Seller Central sends the admin back.
    const result = await stores.startConsent(store.id, purpose, (url) => window.open(url, '_blank'));
    if (!result.ok && result.problem) notify.error(`${result.problem.message} (${result.problem.code})`);
  }

  async function act(store: Store, action: StoreAction): Promise<void> {
    const result = await stores.act(store.id, action);
    if (result.ok) notify.success(`${store.name} ${DONE[action]}.`);
    else if (result.problem) notify.error(`${result.problem.message} (${result.problem.code})`);
  }

  return { consent, act };
}
