import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

// The portal is served by Charla itself at "/", so API calls are same-origin; `npm run dev -w portal`
// proxies them to a Charla started with `npm start`.
export default defineConfig({
  plugins: [react()],
  build: { outDir: "dist", emptyOutDir: true, chunkSizeWarningLimit: 1500 },
  server: {
    proxy: Object.fromEntries(
      ["/v1", "/docs", "/openapi.json", "/health"].map((path) => [
        path,
        process.env.CHARLA_URL ?? "http://127.0.0.1:3000",
      ]),
    ),
  },
});
