import assert from 'node:assert/strict';
import fs from 'node:fs';
import { ConfigError, configSchema, DERIVED_DEFAULTS, loadConfig } from './config';

describe('config', () => {
  it('starts on safe defaults with nothing set (SQLite, simulator)', () => {
    const config = loadConfig({});
    assert.equal(config.DATABASE_URL, 'sqlite:./data/channel.db');
    assert.equal(config.AMAZON_MODE, 'simulator');
    assert.equal(config.PORT, 3000);
    assert.equal(config.COOKIE_SECURE, false);
  });

  it('coerces numbers and booleans from their text', () => {
    const config = loadConfig({ PORT: '8080', COOKIE_SECURE: 'true', SESSION_TTL_MINUTES: '15' });
    assert.equal(config.PORT, 8080);
    assert.equal(config.COOKIE_SECURE, true);
    assert.equal(config.SESSION_TTL_MINUTES, 15);
  });

  it('stops with a message naming every bad variable', () => {
    assert.throws(
      () => loadConfig({ PORT: 'eighty', DATABASE_URL: 'postgres://x', AMAZON_MODE: 'sandbox' }),
      (error: unknown) => {
        assert.ok(error instanceof ConfigError);
        assert.match(error.message, /PORT/);
        assert.match(error.message, /DATABASE_URL/);
        assert.match(error.message, /AMAZON_MODE/);
        return true;
      },
    );
  });

  it('reads the stuck-sync threshold in minutes and refuses zero or text', () => {
    assert.equal(loadConfig({}).SYNC_STUCK_AFTER_MINUTES, 30);
    assert.equal(loadConfig({ SYNC_STUCK_AFTER_MINUTES: '45' }).SYNC_STUCK_AFTER_MINUTES, 45);
    assert.throws(() => loadConfig({ SYNC_STUCK_AFTER_MINUTES: '0' }), /SYNC_STUCK_AFTER_MINUTES/);
    assert.throws(() => loadConfig({ SYNC_STUCK_AFTER_MINUTES: 'soon' }), /SYNC_STUCK_AFTER_MINUTES/);
  });

  it('reads the Catalog > Import upload limit in MB (1–1024)', () => {
    assert.equal(loadConfig({}).CATALOG_IMPORT_MAX_MB, 64);
    assert.equal(loadConfig({ CATALOG_IMPORT_MAX_MB: '200' }).CATALOG_IMPORT_MAX_MB, 200);
    assert.throws(() => loadConfig({ CATALOG_IMPORT_MAX_MB: '0' }), /CATALOG_IMPORT_MAX_MB/);
    assert.throws(() => loadConfig({ CATALOG_IMPORT_MAX_MB: '2048' }), /CATALOG_IMPORT_MAX_MB/);
  });

  it('refuses an encryption key that is not 32 bytes of hex', () => {
    assert.throws(() => loadConfig({ ENCRYPTION_KEY: 'short' }), /ENCRYPTION_KEY/);
  });

  it('takes an SMTP_URL with or without credentials, TLS or options; empty means the mail folder', () => {
    assert.equal(loadConfig({}).SMTP_URL, '');
    assert.equal(loadConfig({}).MAIL_DIR, './data/mail');
    for (const url of [
      'smtp://127.0.0.1:2525',
      'smtp://mail.example.com',
      'smtps://user%40shop.example:p%40ss%3Aword@smtp.example.com:465',
      'smtp://apikey:secret@smtp.example.com:587?requireTLS=true',
    ]) {
      assert.equal(loadConfig({ SMTP_URL: url }).SMTP_URL, url);
    }
  });

  it('refuses an SMTP_URL that cannot be used, naming it without echoing its password', () => {
    const refused = (url: string, why: RegExp) =>
      assert.throws(
        () => loadConfig({ SMTP_URL: url }),
        (error: unknown) => {
          assert.ok(error instanceof ConfigError);
          assert.match(error.message, /SMTP_URL/);
          assert.match(error.message, why);
          assert.doesNotMatch(error.message, /hunter2/);
          return true;
        },
        url,
      );
    refused('http://user:hunter2@mail.example.com', /must match pattern/);
    refused('mail.example.com:587', /must match pattern/);
    refused('smtp://', /must match pattern/);
    refused('smtp://user:hunter2@', /names no host|must be a URL/);
    refused('smtps://user:hunter2@mail.example.com:99999', /must be a URL/);
    refused('smtp://user:hunter2@mail.example.com:0', /port/);
    refused('smtp://:hunter2@mail.example.com', /password but no user/);
    refused('smtp://user:hunter2@mail.example.com/inbox', /path/);
    refused('smtp://us%ZZer:hunter2@mail.example.com', /percent-encoding/);
  });

  it('takes MAIL_FROM as an address or "Name <address>"', () => {
    assert.equal(loadConfig({}).MAIL_FROM, 'Amazon Sales Channel <channel@localhost>');
    assert.equal(loadConfig({ MAIL_FROM: 'alerts@shop.example' }).MAIL_FROM, 'alerts@shop.example');
    assert.equal(loadConfig({ MAIL_FROM: 'Shop Alerts <alerts@shop.example>' }).MAIL_FROM, 'Shop Alerts <alerts@shop.example>');
    assert.throws(() => loadConfig({ MAIL_FROM: 'Shop Alerts' }), /MAIL_FROM/);
    assert.throws(() => loadConfig({ MAIL_FROM: 'a@b.example, c@d.example' }), /MAIL_FROM/);
  });

  it('documents every variable in .env.example with a comment line and its default', () => {
    const lines = fs.readFileSync('.env.example', 'utf8').split('\n');
    const defaults = loadConfig({});
    for (const key of Object.keys(configSchema.properties)) {
      const i = lines.findIndex((l) => l.startsWith(`${key}=`));
      assert.ok(i > 0, `${key} is in .env.example`);
      assert.match(lines[i - 1] ?? '', /^# /, `${key} has a comment line above it`);
      const value = lines[i]!.slice(key.length + 1);
      // A derived default is left empty: a copied .env must not pin it (PUBLIC_URL must follow a changed PORT).
      const expected = (DERIVED_DEFAULTS as readonly string[]).includes(key)
        ? ''
        : String((defaults as unknown as Record<string, unknown>)[key]);
      assert.equal(value, expected, `${key} shows its default`);
    }
  });

  it('PUBLIC_URL follows HOST and PORT unless set; a set one keeps its value without a trailing slash', () => {
    assert.equal(loadConfig({}).PUBLIC_URL, 'http://127.0.0.1:3000');
    assert.equal(loadConfig({}).publicUrlSet, false);
    assert.equal(loadConfig({ PORT: '3301' }).PUBLIC_URL, 'http://127.0.0.1:3301');
    assert.equal(loadConfig({ HOST: 'localhost', PORT: '3301' }).PUBLIC_URL, 'http://localhost:3301');
    // A wildcard bind is reached on loopback from this machine; browsers cannot open 0.0.0.0.
    assert.equal(loadConfig({ HOST: '0.0.0.0', PORT: '3301' }).PUBLIC_URL, 'http://127.0.0.1:3301');
    const set = loadConfig({ PORT: '3301', PUBLIC_URL: 'https://shop.example/' });
    assert.equal(set.PUBLIC_URL, 'https://shop.example');
    assert.equal(set.publicUrlSet, true);
    assert.throws(() => loadConfig({ PUBLIC_URL: 'shop.example' }), /PUBLIC_URL/);
  });

  it('keeps the state of the local Amazon beside the SQLite database unless told otherwise', () => {
    assert.equal(loadConfig({}).SIMULATOR_STATE_FILE, 'data/simulator-state.json');
    assert.equal(loadConfig({ DATABASE_URL: 'sqlite:/tmp/x/channel.db' }).SIMULATOR_STATE_FILE, '/tmp/x/simulator-state.json');
    assert.equal(loadConfig({ DATABASE_URL: 'sqlite::memory:' }).SIMULATOR_STATE_FILE, 'none');
    assert.equal(loadConfig({ DATABASE_URL: 'mysql://root@127.0.0.1:3306/asc' }).SIMULATOR_STATE_FILE, 'data/simulator-state.json');
    assert.equal(loadConfig({ SIMULATOR_STATE_FILE: 'none' }).SIMULATOR_STATE_FILE, 'none');
    assert.equal(loadConfig({ SIMULATOR_STATE_FILE: '/srv/amazon.json' }).SIMULATOR_STATE_FILE, '/srv/amazon.json');
  });
  it('Amazon notifications: the local queue in simulator mode; live mode names a queue whose URL and ARN agree', () => {
    const sim = loadConfig({});
    assert.equal(sim.AMAZON_NOTIFICATIONS, 'on');
    assert.equal(sim.AMAZON_SQS_QUEUE_ARN, 'arn:aws:sqs:us-east-1:000000000001:sp-api-orders');
    assert.equal(sim.AMAZON_SQS_QUEUE_URL, 'https://sqs.us-east-1.amazonaws.com/000000000001/sp-api-orders');
    assert.equal(sim.AWS_REGION, 'us-east-1');
    assert.ok(sim.AWS_ACCESS_KEY_ID && sim.AWS_SECRET_ACCESS_KEY, 'dummy credentials for the local SQS');
    const LIVE = {
      AMAZON_MODE: 'live',
      AMAZON_LWA_CLIENT_ID: 'amzn1.application-oa2-client.live1',
      AMAZON_LWA_CLIENT_SECRET: 'secret',
      AMAZON_APP_ID: 'amzn1.sellerapps.app.live1',
    };
    assert.throws(() => loadConfig(LIVE), /AMAZON_SQS_QUEUE_URL and AMAZON_SQS_QUEUE_ARN: Amazon notifications are on/);
    assert.equal(loadConfig({ ...LIVE, AMAZON_NOTIFICATIONS: 'off' }).AMAZON_SQS_QUEUE_URL, '');
    const queue = {
      AMAZON_SQS_QUEUE_URL: 'https://sqs.eu-west-1.amazonaws.com/123456789012/shop-orders',
      AMAZON_SQS_QUEUE_ARN: 'arn:aws:sqs:eu-west-1:123456789012:shop-orders',
    };
    const live = loadConfig({ ...LIVE, ...queue });
    assert.deepEqual([live.AWS_REGION, live.AWS_ACCESS_KEY_ID, live.AWS_SECRET_ACCESS_KEY], ['eu-west-1', '', '']);
    assert.throws(
      () => loadConfig({ ...LIVE, ...queue, AMAZON_SQS_QUEUE_ARN: 'arn:aws:sqs:eu-west-1:123456789012:other' }),
      /name different queues/,
    );
    assert.throws(() => loadConfig({ ...LIVE, ...queue, AWS_ACCESS_KEY_ID: 'AKIAEXAMPLE00000001' }), /set both, or neither/);
    assert.throws(() => loadConfig({ AMAZON_NOTIFICATIONS: 'yes' }), /AMAZON_NOTIFICATIONS/);
    assert.throws(() => loadConfig({ AMAZON_SQS_QUEUE_ARN: 'arn:aws:sns:us-east-1:1:x' }), /AMAZON_SQS_QUEUE_ARN/);
    const secret = (() => {
      try {
        loadConfig({ AWS_SECRET_ACCESS_KEY: 'top-secret', AWS_ACCESS_KEY_ID: 'lower' });
      } catch (e) {
        return (e as Error).message;
      }
      return '';
    })();
    assert.match(secret, /AWS_ACCESS_KEY_ID/);
    assert.doesNotMatch(secret, /top-secret/);
  });
});
