import assert from 'node:assert/strict';
import { createPinia, setActivePinia } from 'pinia';
import { ApiError } from '../api/client';
import { provideApi } from '../api/provider';
import type { MailMessage, MailOverview } from '../api/types';
import { fakeApi } from '../test-support/fake-api';
import { sendOutcome, transportLabel, transportSummary, useOutgoingMailStore } from './outgoing-mail';

const OVERVIEW: MailOverview = {
  transport: 'folder',
  folder: '/srv/channel/data/mail',
  smtp: null,
  from: 'Amazon Sales Channel <channel@localhost>',
  maxAttempts: 6,
  counts: { queued: 1, sending: 0, retrying: 0, sent: 3, failed: 1 },
};

const MESSAGE: MailMessage = {
  id: 7,
  to: 'admin@example.com',
  subject: 'Test e-mail from the Amazon Sales Channel',
  status: 'sent',
  transport: 'folder',
  createdAt: '2026-12-01T09:00:00.000Z',
  sentAt: '2026-12-01T09:00:00.100Z',
  attempts: 1,
  lastError: null,
  nextAttemptAt: null,
  failedAt: null,
  notificationId: null,
  from: OVERVIEW.from,
  messageId: '<outbox-7-abc@localhost>',
  text: 'Hello',
  html: '<p>Hello</p>',
  file: '/srv/channel/data/mail/outbox-7-abc.eml',
  source: 'Subject: Test',
};

const page = (items: unknown[]) => ({ items, total: items.length, page: 1, pageSize: 50 });

describe('outgoing mail store', () => {
  beforeEach(() => setActivePinia(createPinia()));

  it('says where mail goes in words, never a password', () => {
    assert.match(transportSummary(OVERVIEW), /SMTP_URL is empty.*written as an \.eml file into the mail folder/);
    const smtp = {
      ...OVERVIEW,
      transport: 'smtp' as const,
      folder: null,
      smtp: { host: 'smtp.example.com', port: 465, secure: true, user: 'apikey' },
    };
    assert.equal(
      transportSummary(smtp),
      'E-mail is sent through the SMTP server smtp.example.com:465 (TLS) as apikey, from Amazon Sales Channel <channel@localhost>.',
    );
    assert.equal(transportLabel('smtp'), 'SMTP');
    assert.equal(transportLabel(null), '—');
  });

  it('loads the overview and the page, and goes back to page 1 when the state filter changes', async () => {
    const api = provideApi(fakeApi((call) => (call.path === '/api/mail/overview' ? OVERVIEW : page([MESSAGE]))));
    const store = useOutgoingMailStore();
    store.page = 3;
    await store.filter('failed');
    assert.deepEqual(api.calls.find((c) => c.path === '/api/mail/messages')?.query, { page: 1, pageSize: 50, status: 'failed' });
    assert.equal(store.overview?.counts.sent, 3);
    assert.equal(store.messages.length, 1);
    assert.equal(store.total, 1);
  });

  it('sends a test e-mail, reloads the outbox and tells what happened to it', async () => {
    const api = provideApi(
      fakeApi((call) => (call.method === 'POST' ? MESSAGE : call.path === '/api/mail/overview' ? OVERVIEW : page([]))),
    );
    const store = useOutgoingMailStore();
    const result = await store.sendTest();
    assert.equal(result.ok, true);
    assert.equal(result.message?.id, 7);
    assert.ok(api.calls.some((c) => c.method === 'GET' && c.path === '/api/mail/messages'));
    assert.deepEqual(sendOutcome(MESSAGE, 'Test e-mail'), {
      ok: true,
      text: 'Test e-mail to admin@example.com written to /srv/channel/data/mail/outbox-7-abc.eml.',
    });
    const failed = { ...MESSAGE, status: 'retrying' as const, transport: 'smtp' as const, lastError: 'connect ECONNREFUSED (ESOCKET)' };
    assert.deepEqual(sendOutcome(failed, 'Test e-mail'), {
      ok: false,
      text: 'The test e-mail to admin@example.com was not sent: connect ECONNREFUSED (ESOCKET)',
    });
  });

  it('shows a refused retry as a problem and keeps the message open', async () => {
    provideApi(fakeApi((call) => (call.method === 'POST' ? new ApiError(409, 'CONFLICT', 'E-mail 7 is sent') : MESSAGE)));
    const store = useOutgoingMailStore();
    await store.open(7);
    assert.equal(store.opened?.id, 7);
    const result = await store.retry(7);
    assert.equal(result.ok, false);
    assert.equal(result.problem?.code, 'CONFLICT');
    assert.equal(store.opened?.id, 7);
    store.close();
    assert.equal(store.opened, null);
  });
});
