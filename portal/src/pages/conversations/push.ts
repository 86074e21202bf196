import { useCallback, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { api, unwrap } from "../../api/client";

type NoticeLanguage = "es" | "en" | "pt";

/** The portal's language, which the server writes this browser's notices in. */
function noticeLanguage(language: string | undefined): NoticeLanguage {
  return language === "es" || language === "pt" ? language : "en";
}

export type PushState = "unsupported" | "ask" | "on" | "denied";

/** base64url (the VAPID public key) to the bytes PushManager.subscribe wants. */
function keyBytes(base64url: string): Uint8Array<ArrayBuffer> {
  const base64 = (base64url + "=".repeat((4 - (base64url.length % 4)) % 4))
    .replace(/-/g, "+")
    .replace(/_/g, "/");
  const raw = atob(base64);
  const bytes = new Uint8Array(new ArrayBuffer(raw.length));
  for (let i = 0; i < raw.length; i++) bytes[i] = raw.charCodeAt(i);
  return bytes;
}

async function subscribe(registration: ServiceWorkerRegistration, language: NoticeLanguage) {
  const { publicKey } = (await unwrap(api.GET("/v1/push/public-key"))) as unknown as { publicKey: string };
  const subscription =
    (await registration.pushManager.getSubscription()) ??
    (await registration.pushManager.subscribe({
      userVisibleOnly: true,
      applicationServerKey: keyBytes(publicKey),
    }));
  const json = subscription.toJSON() as { endpoint: string; keys: { p256dh: string; auth: string } };
  await unwrap(
    api.POST("/v1/push/subscriptions", { body: { endpoint: json.endpoint, keys: json.keys, language } }),
  );
}

/**
 * The service worker (installable PWA, Web Push) and this browser's push subscription: registered
 * with Charla (in the portal's language, again when it changes) when notifications are allowed;
 * `enable` asks for permission (it needs a click).
 */
export function usePushSubscription() {
  const language = noticeLanguage(useTranslation().i18n.resolvedLanguage);
  const supported =
    typeof navigator !== "undefined" && "serviceWorker" in navigator && "PushManager" in window;
  const [state, setState] = useState<PushState>(() =>
    !supported ? "unsupported" : Notification.permission === "denied" ? "denied" : "ask",
  );
  useEffect(() => {
    if (!supported) return;
    void navigator.serviceWorker
      .register("/sw.js", { scope: "/" })
      .then(async (registration) => {
        if (Notification.permission !== "granted") return;
        await subscribe(registration, language);
        setState("on");
      })
      .catch(() => {});
  }, [supported, language]);
  const enable = useCallback(async () => {
    if (!supported) return;
    const permission = await Notification.requestPermission();
    if (permission !== "granted") {
      setState(permission === "denied" ? "denied" : "ask");
      return;
    }
    await subscribe(await navigator.serviceWorker.ready, language);
    setState("on");
  }, [supported, language]);
  return { state, enable };
}
