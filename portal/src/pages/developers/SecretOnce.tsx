import { Alert, Button, Code, CopyButton, Group } from "@mantine/core";
import { useTranslation } from "react-i18next";

/** A secret the server shows only once (API key, webhook secret, invitation link), with a copy button. */
export function SecretOnce({ title, value }: { title: string; value: string }) {
  const { t } = useTranslation();
  return (
    <Alert color="yellow" title={title} role="status">
      <Group gap="xs" wrap="nowrap" align="start">
        <Code block style={{ wordBreak: "break-all", flex: 1 }} data-testid="secret-once">
          {value}
        </Code>
        <CopyButton value={value}>
          {({ copied, copy }) => (
            <Button size="xs" variant="light" onClick={copy}>
              {copied ? t("app.copied") : t("app.copy")}
            </Button>
          )}
        </CopyButton>
      </Group>
    </Alert>
  );
}
