import { Button, Card, Group, Select, Stack, TextInput } from "@mantine/core";
import type { UseFormReturnType } from "@mantine/form";
import { useTranslation } from "react-i18next";
import { BUTTON_TYPES, type ButtonValues, emptyButton, OTP_TYPES, type TemplateValues } from "./model";

type Form = UseFormReturnType<TemplateValues>;

function ButtonFields({ form, index, button }: { form: Form; index: number; button: ButtonValues }) {
  const { t } = useTranslation();
  const field = (name: keyof ButtonValues) => form.getInputProps(`buttons.${index}.${name}`);
  switch (button.type) {
    case "QUICK_REPLY":
      return <TextInput label={t("editor.buttonText")} maxLength={25} {...field("text")} />;
    case "URL":
      return (
        <>
          <TextInput label={t("editor.buttonText")} maxLength={25} {...field("text")} />
          <TextInput
            label={t("editor.buttonUrl")}
            placeholder="https://shop.example/orders/{{1}}"
            {...field("url")}
          />
          {button.url.includes("{{") ? (
            <TextInput label={t("editor.buttonUrlExample")} {...field("urlExample")} />
          ) : null}
        </>
      );
    case "PHONE_NUMBER":
      return (
        <>
          <TextInput label={t("editor.buttonText")} maxLength={25} {...field("text")} />
          <TextInput label={t("editor.buttonPhone")} placeholder="+5491155550000" {...field("phoneNumber")} />
        </>
      );
    case "COPY_CODE":
      return <TextInput label={t("editor.buttonCode")} maxLength={15} {...field("code")} />;
    case "OTP":
      return (
        <>
          <Select
            label={t("editor.otpType")}
            data={OTP_TYPES.map((value) => ({ value, label: value }))}
            allowDeselect={false}
            {...field("otpType")}
          />
          <TextInput label={t("editor.buttonText")} maxLength={25} {...field("text")} />
          {button.otpType === "ONE_TAP" ? (
            <TextInput label={t("editor.autofillText")} {...field("autofillText")} />
          ) : null}
          {button.otpType !== "COPY_CODE" ? (
            <>
              <TextInput
                label={t("editor.packageName")}
                placeholder="com.example.app"
                {...field("packageName")}
              />
              <TextInput label={t("editor.signatureHash")} maxLength={11} {...field("signatureHash")} />
            </>
          ) : null}
        </>
      );
  }
}

/** Every button type Meta allows; which fit a category is Meta's rule, checked by the server. */
export function ButtonsEditor({ form }: { form: Form }) {
  const { t } = useTranslation();
  const buttons = form.values.buttons;
  const error = form.errors.buttons;
  return (
    <Stack gap="sm">
      {buttons.map((button, index) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: a button's identity is its position in Meta's list
        <Card key={index} withBorder padding="sm">
          <Stack gap="xs">
            <Group justify="space-between" align="end" wrap="wrap">
              <Select
                label={`${t("editor.buttonType")} ${index + 1}`}
                data={BUTTON_TYPES.map((value) => ({ value, label: t(`editor.buttonTypes.${value}`) }))}
                allowDeselect={false}
                value={button.type}
                onChange={(value) =>
                  value &&
                  form.setFieldValue(`buttons.${index}`, { ...emptyButton(value as ButtonValues["type"]) })
                }
              />
              <Button variant="subtle" color="red" onClick={() => form.removeListItem("buttons", index)}>
                {t("editor.removeButton")}
              </Button>
            </Group>
            <ButtonFields form={form} index={index} button={button} />
          </Stack>
        </Card>
      ))}
      {typeof error === "string" ? (
        <div role="alert" style={{ color: "var(--mantine-color-error)", fontSize: 14 }}>
          {error}
        </div>
      ) : null}
      <Button
        variant="light"
        w="fit-content"
        disabled={buttons.length >= 10}
        onClick={() =>
          form.insertListItem(
            "buttons",
            emptyButton(form.values.category === "AUTHENTICATION" ? "OTP" : "QUICK_REPLY"),
          )
        }
      >
        {t("editor.addButton")}
      </Button>
    </Stack>
  );
}
