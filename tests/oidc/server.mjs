// A certified OpenID Provider (oidc-provider) for the level-2 identity tests, on 127.0.0.1 only.
// The test decides which account "logs in" at the provider (POST /test/login-as/<id>); the interaction then
// grants the requested scopes, as a citizen pressing "Đồng ý" at the provincial SSO would.
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

http.createServer(async (req, res) => {
  try {
    if (req.method === 'POST' && req.url.startsWith('/test/login-as/')) {
      loginAs = decodeURIComponent(req.url.slice('/test/login-as/'.length));
      res.writeHead(204).end();
      return;
    }
    if (req.url.startsWith('/interaction/')) {
      const details = await provider.interactionDetails(req, res);
      const grant = details.grantId
        ? await provider.Grant.find(details.grantId)
        : new provider.Grant({ accountId: loginAs, clientId: details.params.client_id });
      grant.addOIDCScope(details.params.scope);
      const missing = details.prompt.details.missingOIDCClaims || [];
      if (missing.length) grant.addOIDCClaims(missing);
      const grantId = await grant.save();
      await provider.interactionFinished(req, res, { login: { accountId: loginAs }, consent: { grantId } },
        { mergeWithLastSubmission: false });
      return;
    }
    handle(req, res);
  } catch (error) {
    res.writeHead(500, { 'content-type': 'text/plain' }).end(String(error));
  }
}).listen(port, '127.0.0.1', () => console.log(`ready ${issuer}`));
