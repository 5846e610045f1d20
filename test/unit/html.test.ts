import { escapeHtml, html } from '../../lib/markup/html';

test('interpolated values are escaped, nested templates are not escaped twice', () => {
  const evil = `<script>alert("x")</script>&'`;
  const out = html`<p title="${evil}">${evil}</p>${[html`<b>${evil}</b>`]}`.value;
  expect(out).not.toContain('<script>');
  expect(out).toBe(
    '<p title="&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&amp;&#39;">&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&amp;&#39;</p><b>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&amp;&#39;</b>',
  );
  expect(html`${null}${undefined}${false}${0}`.value).toBe('0');
  expect(escapeHtml('a&b')).toBe('a&amp;b');
});
