// The Zalo container as the app uses it. The production build imports the real zmp-sdk; the test and demo build
// (vite --mode shim) aliases "zmp-sdk/apis" to src/shim/zmp-sdk.js, which asks the Zalo simulator instead.

import {
  chooseImage,
  createOrder,
  getAccessToken,
  getLocation,
  getPhoneNumber,
  nativeStorage,
  openWebview,
} from "zmp-sdk/apis";

export const storage = {
  getItem: (key) => nativeStorage.getItem(key),
  setItem: (key, value) => nativeStorage.setItem(key, String(value)),
  removeItem: (key) => nativeStorage.removeItem(key),
};

export const zalo = {
  accessToken: () => getAccessToken(),
  phoneToken: async () => (await getPhoneNumber()).token,
  locationToken: async () => (await getLocation()).token,
  // Photos from the camera or the gallery, as Blobs ready to upload.
  async photos({ count = 1, camera = true } = {}) {
    const { filePaths } = await chooseImage({ count, sourceType: camera ? ["camera", "album"] : ["album"] });
    return Promise.all(
      (filePaths || []).map(async (path, index) => {
        const blob = await (await fetch(path)).blob();
        const type = blob.type || "image/jpeg";
        return { blob, name: `anh-${Date.now()}-${index + 1}.${type.split("/")[1] || "jpg"}`, preview: path };
      }),
    );
  },
  openWeb: (url) => openWebview({ url, config: { style: "normal" } }),
  createOrder: (params) => createOrder(params),
};
