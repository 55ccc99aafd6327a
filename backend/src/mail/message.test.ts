import assert from 'node:assert/strict';
import { emlFileName, messageIdFor, renderHtml, senderDomain } from './message';

describe('mail message shaping', () => {
  it('renders the text as escaped HTML paragraphs with line breaks and links', () => {
    const html = renderHtml(
      'Hello,\n\nthe store "Outdoor <US>" expires on 2026-12-31.\nOpen https://admin.example/amazon/stores.\n',
      'Renew <now>',
    );
    assert.match(html, /<title>Renew &lt;now&gt;<\/title>/);
    assert.match(html, /<p>Hello,<\/p>/);
    assert.match(html, /<p>the store &quot;Outdoor &lt;US&gt;&quot; expires on 2026-12-31.<br>\n/);
    assert.match(html, /Open <a href="https:\/\/admin.example\/amazon\/stores">https:\/\/admin.example\/amazon\/stores<\/a>\.<\/p>/);
    assert.doesNotMatch(html, /<US>/);
  });

  it('never lets a URL break out of its attribute', () => {
    const html = renderHtml('see https://x.example/"onmouseover="alert(1) and <script>', 's');
    assert.doesNotMatch(html, /<script>|"onmouseover/);
  });

  it('names Message-IDs by outbox id in the sender domain, and files only after Message-IDs it made', () => {
    assert.equal(senderDomain('Amazon Sales Channel <channel@shop.example>'), 'shop.example');
    assert.equal(senderDomain('alerts@mail.shop.example'), 'mail.shop.example');
    const id = messageIdFor(42, '1a2b3c', 'shop.example');
    assert.equal(id, '<outbox-42-1a2b3c@shop.example>');
    assert.equal(emlFileName(id), 'outbox-42-1a2b3c.eml');
    assert.equal(emlFileName('<../../etc/passwd@x>'), null);
    assert.equal(emlFileName('<outbox-1-ab/../x@y>'), null);
    assert.equal(emlFileName(null), null);
  });
});
