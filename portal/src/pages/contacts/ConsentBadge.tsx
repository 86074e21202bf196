import { Badge } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { Contact } from "../../api/types";

export function ConsentBadge({ contact }: { contact: Pick<Contact, "optedIn" | "optedOutAt"> }) {
  const { t } = useTranslation();
  if (contact.optedIn)
    return (
      <Badge color="teal" variant="light">
        {t("contacts.optedIn")}
      </Badge>
    );
  if (contact.optedOutAt)
    return (
      <Badge color="red" variant="light">
        {t("contacts.optedOut")}
      </Badge>
    );
  return (
    <Badge color="gray" variant="light">
      {t("contacts.unknown")}
    </Badge>
  );
}
