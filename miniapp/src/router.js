// The mini app knows the web portal's own paths, so a notification or a QR code (https://zalo.me/s/<app>/<path>)
// opens the same thing here as on the web. A path it has no screen for opens the web page.

export const ROUTES = [
  ["/", "home"],
  ["/tim-kiem/", "search"],
  ["/ho-so/", "catalogue"],
  ["/ho-so/thu-tuc/:id/", "procedure"],
  ["/ho-so/cua-toi/", "myDossiers"],
  ["/ho-so/cua-toi/:id/", "dossier"],
  ["/ho-so/cua-toi/:id/khai/", "dossierForm"],
  ["/ho-so/cua-toi/:id/giay-to/", "dossierPapers"],
  ["/ho-so/cua-toi/:id/kiem-tra/", "dossierCheck"],
  ["/phan-anh/", "reports"],
  ["/phan-anh/gui/", "reportForm"],
  ["/phan-anh/cua-toi/", "myReports"],
  ["/phan-anh/:code/", "report"],
  ["/hoi-dap/", "questions"],
  ["/hoi-dap/hoi/", "ask"],
  ["/hoi-dap/:code/", "question"],
  ["/cua-hang/", "shops"],
  ["/cua-hang/:code/", "shop"],
  ["/tin-tuc/", "news"],
  ["/tin-tuc/:slug/", "article"],
  ["/truyen-hinh/", "channels"],
  ["/truyen-hinh/:slug/", "channel"],
  ["/thong-bao/", "inbox"],
  ["/thanh-toan/", "payments"],
  ["/tai-khoan/", "account"],
  ["/tai-khoan-cua-toi/", "account"],
];

const compiled = ROUTES.map(([pattern, screen]) => {
  const names = [];
  const source = pattern.replace(/:(\w+)/g, (_, name) => {
    names.push(name);
    return "([^/]+)";
  });
  return { screen, names, regex: new RegExp(`^${source}$`) };
});

export function match(path) {
  const [pathname, queryString = ""] = path.split("?");
  const normal = pathname.endsWith("/") ? pathname : `${pathname}/`;
  const query = Object.fromEntries(new URLSearchParams(queryString));
  for (const route of compiled) {
    const found = normal.match(route.regex);
    if (found) {
      const params = Object.fromEntries(route.names.map((name, i) => [name, decodeURIComponent(found[i + 1])]));
      return { screen: route.screen, params, query, path: normal };
    }
  }
  return { screen: "web", params: {}, query, path: `${normal}${queryString ? `?${queryString}` : ""}` };
}
