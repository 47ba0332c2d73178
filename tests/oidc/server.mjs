// A certified OpenID Provider (oidc-provider) standing in for the provincial SSO ("Tây Ninh ID"), on 127.0.0.1 only.
// Two modes:
// - tests (default): the test decides which account "logs in" (POST /test/login-as/<id>); the interaction then
//   grants the requested scopes at once, as a citizen pressing "Đồng ý" would;
// - OIDC_INTERACTIVE=1 (make run, and the browser test of it): the interaction is a page where the visitor picks
//   a demo citizen and agrees (or refuses), as they would at the real SSO.
import http from 'node:http';
import Provider from 'oidc-provider';

const port = Number(process.env.OIDC_PORT);
const issuer = `http://127.0.0.1:${port}`;
const accounts = JSON.parse(process.env.OIDC_ACCOUNTS || '{}');
let loginAs = Object.keys(accounts)[0];

const provider = new Provider(issuer, {
  clients: [{
    client_id: process.env.OIDC_CLIENT_ID,
    client_secret: process.env.OIDC_CLIENT_SECRET,
    redirect_uris: process.env.OIDC_REDIRECT_URIS.split(' '),
    grant_types: ['authorization_code'],
    response_types: ['code'],
    token_endpoint_auth_method: 'client_secret_post',
  }],
  pkce: { methods: ['S256'], required: () => true },
  scopes: ['openid', 'profile', 'address'],
  claims: {
    openid: ['sub'],
    profile: ['name', 'birthdate', 'gender', 'citizen_id'],
    address: ['address'],
  },
  findAccount: async (ctx, id) => (accounts[id]
    ? { accountId: id, claims: async () => ({ sub: id, ...accounts[id] }) }
    : undefined),
  features: { devInteractions: { enabled: false } },
  interactions: { url: (ctx, interaction) => `/interaction/${interaction.uid}` },
  cookies: { keys: ['citizen-portal-test-only'] },
});

const handle = provider.callback();
const interactive = process.env.OIDC_INTERACTIVE === '1';

const escape = (text) => String(text).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function loginPage(uid) {
  const people = Object.entries(accounts).map(([id, claims]) => `
    <li><form method="post" action="/interaction/${escape(uid)}/login">
      <input type="hidden" name="account" value="${escape(id)}">
      <button type="submit">${escape(claims.name)}<br><small>CCCD ${escape(claims.citizen_id || id)}</small></button>
    </form></li>`).join('');
  return `<!doctype html><html lang="vi"><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Tây Ninh ID (giả lập)</title>
<style>body{font:18px/1.5 system-ui,sans-serif;max-width:30rem;margin:0 auto;padding:16px}
ul{list-style:none;padding:0}button{width:100%;min-height:56px;margin:0 0 8px;font:inherit;border-radius:10px;
border:1px solid #8a94a3;background:#fff;text-align:left;padding:8px 12px}</style>
<h1>Tây Ninh ID (giả lập)</h1>
<p>Bản demo: chọn công dân để đăng nhập và đồng ý chia sẻ họ tên, ngày sinh, giới tính, số CCCD và địa chỉ
với Cổng Công dân.</p>
<ul>${people}</ul>
<form method="post" action="/interaction/${escape(uid)}/abort"><button type="submit">Không đồng ý</button></form>
</html>`;
}

async function readForm(req) {
  let body = '';
  for await (const chunk of req) body += chunk;
  return new URLSearchParams(body);
}

async function finishAs(req, res, details, accountId) {
  const grant = details.grantId
    ? await provider.Grant.find(details.grantId)
    : new provider.Grant({ accountId, clientId: details.params.client_id });
  grant.addOIDCScope(details.params.scope);
  const missing = details.prompt.details.missingOIDCClaims || [];
  if (missing.length) grant.addOIDCClaims(missing);
  const grantId = await grant.save();
  await provider.interactionFinished(req, res, { login: { accountId }, consent: { grantId } },
    { mergeWithLastSubmission: false });
}

http.createServer(async (req, res) => {
  try {
    if (req.method === 'POST' && req.url.startsWith('/test/login-as/')) {
      loginAs = decodeURIComponent(req.url.slice('/test/login-as/'.length));
      res.writeHead(204).end();
      return;
    }
    if (req.url.startsWith('/interaction/')) {
      const details = await provider.interactionDetails(req, res);
      if (!interactive) {
        await finishAs(req, res, details, loginAs);
        return;
      }
      if (req.method === 'GET') {
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(loginPage(details.uid));
        return;
      }
      if (req.url.endsWith('/abort')) {
        await provider.interactionFinished(req, res,
          { error: 'access_denied', error_description: 'Người dùng không đồng ý' }, { mergeWithLastSubmission: false });
        return;
      }
      const chosen = (await readForm(req)).get('account');
      if (!accounts[chosen]) {
        res.writeHead(400, { 'content-type': 'text/html; charset=utf-8' }).end(loginPage(details.uid));
        return;
      }
      await finishAs(req, res, details, chosen);
      return;
    }
    handle(req, res);
  } catch (error) {
    res.writeHead(500, { 'content-type': 'text/plain' }).end(String(error));
  }
}).listen(port, '127.0.0.1', () => console.log(`ready ${issuer}`));
