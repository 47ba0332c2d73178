import { fileURLToPath } from "node:url";
import { defineConfig } from "vite";

// `vite build` is the mini app Zalo receives (the real zmp-sdk); `vite build --mode shim` is the same app against
// the Zalo simulator, for the tests and `make run`. The shim build reads its server addresses from env.js.
export default defineConfig(({ mode }) => {
  const shim = mode === "shim";
  return {
    base: "/",
    resolve: {
      alias: shim ? { "zmp-sdk/apis": fileURLToPath(new URL("./src/shim/zmp-sdk.js", import.meta.url)) } : {},
    },
    build: {
      outDir: shim ? "dist-shim" : "dist",
      target: "es2019",
      cssCodeSplit: true,
      modulePreload: { polyfill: false },
      reportCompressedSize: false,
    },
    plugins: [
      {
        name: "runtime-env",
        transformIndexHtml(html) {
          // Only the shim build asks its server where the API and the simulator are.
          return shim ? html.replace("<title>", '<script src="/env.js"></script>\n<title>') : html;
        },
      },
    ],
  };
});
