/**
 * System > Outgoing E-mail: where mail goes (folder or SMTP server), the outbox paged on the server and filtered by
 * state, one message opened to read, a test message, and a retry of a given-up one.
 */
import { defineStore } from 'pinia';
import { ref } from 'vue';
import { describeError, type Problem } from '../api/errors';
import { useApi } from '../api/provider';
import type { MailMessage, MailMessageSummary, MailOverview, MailStatus, Page } from '../api/types';
import { useSaving } from '../composables/useSaving';
import type { SaveResult } from './product';

export const STATUS_LABELS: Record<MailStatus, { text: string; color: string }> = {
  queued: { text: 'Queued', color: 'grey-darken-1' },
  sending: { text: 'Sending', color: 'info' },
  retrying: { text: 'Retrying', color: 'warning' },
  sent: { text: 'Sent', color: 'success' },
  failed: { text: 'Failed', color: 'error' },
};

/** How an admin reads where a message went: "Folder" or "SMTP"; "—" before its first attempt. */
export const transportLabel = (t: MailMessageSummary['transport']) => (t === 'folder' ? 'Folder' : t === 'smtp' ? 'SMTP' : '—');

/** One line about where mail goes, for the page's banner. */
export function transportSummary(o: MailOverview): string {
  if (!o.smtp)
    return 'E-mail is not sent in this set-up (SMTP_URL is empty): each message is written as an .eml file into the mail folder.';
  const tls = o.smtp.secure ? 'TLS' : 'STARTTLS when the server offers it';
  return `E-mail is sent through the SMTP server ${o.smtp.host}:${o.smtp.port} (${tls})${o.smtp.user ? ` as ${o.smtp.user}` : ''}, from ${o.from}.`;
}

/** What the admin is told after sending one message now (a test, a retry): where it went, or why it did not. */
export function sendOutcome(m: MailMessage, label = 'E-mail'): { ok: boolean; text: string } {
  if (m.status === 'sent') {
    const where = m.transport === 'folder' ? `written to ${m.file ?? 'the mail folder'}` : 'accepted by the SMTP server';
    return { ok: true, text: `${label} to ${m.to} ${where}.` };
  }
  return { ok: false, text: `The ${label.toLowerCase()} to ${m.to} was not sent: ${m.lastError ?? 'it is still queued.'}` };
}

export const useOutgoingMailStore = defineStore('outgoingMail', () => {
  const overview = ref<MailOverview | null>(null);
  const messages = ref<MailMessageSummary[]>([]);
  const total = ref(0);
  const page = ref(1);
  const pageSize = ref(50);
  const status = ref<MailStatus | null>(null);
  const loading = ref(false);
  const problem = ref<Problem | null>(null);
  const opened = ref<MailMessage | null>(null);
  const openProblem = ref<Problem | null>(null);
  const opening = ref(false);
  const { busy, run } = useSaving();
  let sequence = 0;

  async function load(): Promise<void> {
    const mine = ++sequence;
    loading.value = true;
    problem.value = null;
    try {
      const query = { page: page.value, pageSize: pageSize.value, status: status.value };
      const [o, list] = await Promise.all([
        useApi().get<MailOverview>('/api/mail/overview'),
        useApi().get<Page<MailMessageSummary>>('/api/mail/messages', { query }),
      ]);
      if (mine !== sequence) return;
      overview.value = o;
      messages.value = list.items;
      total.value = list.total;
    } catch (error) {
      if (mine === sequence) problem.value = describeError(error);
    } finally {
      if (mine === sequence) loading.value = false;
    }
  }

  function filter(next: MailStatus | null): Promise<void> {
    status.value = next;
    page.value = 1;
    return load();
  }

  async function open(id: number): Promise<void> {
    opening.value = true;
    openProblem.value = null;
    try {
      opened.value = await useApi().get<MailMessage>(`/api/mail/messages/${id}`);
    } catch (error) {
      openProblem.value = describeError(error);
    } finally {
      opening.value = false;
    }
  }

  function close(): void {
    opened.value = null;
    openProblem.value = null;
  }

  /** Sends a test message to the signed-in admin; the result is opened so the admin sees what was sent. */
  async function sendTest(): Promise<SaveResult & { message: MailMessage | null }> {
    const sent: { message: MailMessage | null } = { message: null };
    const result = await run(async () => {
      sent.message = await useApi().post<MailMessage>('/api/mail/test');
    });
    if (sent.message) await load();
    return { ...result, message: sent.message };
  }

  async function retry(id: number): Promise<SaveResult> {
    const result = await run(async () => {
      opened.value = await useApi().post<MailMessage>(`/api/mail/messages/${id}/retry`);
    });
    if (result.ok) await load();
    return result;
  }

  return {
    overview,
    messages,
    total,
    page,
    pageSize,
    status,
    loading,
    problem,
    opened,
    openProblem,
    opening,
    busy,
    load,
    filter,
    open,
    close,
    sendTest,
    retry,
  };
});
