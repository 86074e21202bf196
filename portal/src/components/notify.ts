import { notifications } from "@mantine/notifications";
import i18n from "../i18n";

/** A success message in the corner; its close button is labelled for screen readers. */
export function notifySuccess(message: string) {
  notifications.show({ color: "teal", message, closeButtonProps: { "aria-label": i18n.t("app.close") } });
}
