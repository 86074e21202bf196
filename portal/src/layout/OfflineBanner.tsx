import { Alert } from "@mantine/core";
import { useQueryClient } from "@tanstack/react-query";
import { useEffect } from "react";
import { useTranslation } from "react-i18next";
import { setOnline, useOnline } from "../api/connection";

/** Shown while Charla does not answer; polls /health and refetches everything once it does. */
export function OfflineBanner() {
  const online = useOnline();
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  useEffect(() => {
    if (online) return;
    const timer = setInterval(async () => {
      const back = await fetch("/health", { cache: "no-store" }).then(
        (response) => response.status < 500,
        () => false,
      );
      if (!back) return;
      setOnline(true);
      void queryClient.refetchQueries({ type: "active" });
      void queryClient.resumePausedMutations();
    }, 2_000);
    return () => clearInterval(timer);
  }, [online, queryClient]);
  if (online) return null;
  return (
    <Alert color="dark" role="status" aria-live="polite" radius={0} variant="filled">
      {t("app.offline")}
    </Alert>
  );
}
