import { Select, Stack, Textarea, TextInput } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { PairsEditor } from "./fields";
import type { BotMessage } from "./model";

const KINDS = ["text", "media", "buttons", "list", "template"] as const;

function switchKind(message: BotMessage, kind: BotMessage["kind"]): BotMessage {
  const text = "text" in message ? message.text : "…";
  switch (kind) {
    case "text":
      return { kind, text };
    case "media":
      return { kind, mediaType: "image", link: "https://example.com/image.jpg" };
    case "buttons":
      return { kind, text, buttons: [{ id: "option_1", title: "Option 1" }] };
    case "list":
      return { kind, text, button: "Menu", rows: [{ id: "row_1", title: "Option 1" }] };
    case "template":
      return { kind, name: "", language: "es" };
  }
}

/** What a send node sends: text, media, reply buttons, a list or a template. */
export function MessageFields({
  message,
  onChange,
}: {
  message: BotMessage;
  onChange: (message: BotMessage) => void;
}) {
  const { t } = useTranslation();
  const field = (key: string, value: unknown) => onChange({ ...message, [key]: value } as BotMessage);
  return (
    <Stack gap="xs">
      <Select
        label={t("bots.props.kind")}
        data={KINDS.map((kind) => ({ value: kind, label: t(`bots.kinds.${kind}`) }))}
        value={message.kind}
        allowDeselect={false}
        onChange={(kind) => kind && onChange(switchKind(message, kind as BotMessage["kind"]))}
      />
      {"text" in message ? (
        <Textarea
          label={t("bots.props.text")}
          autosize
          minRows={2}
          value={message.text}
          onChange={(event) => field("text", event.currentTarget.value)}
        />
      ) : null}
      {message.kind === "media" ? (
        <>
          <Select
            label={t("bots.props.mediaType")}
            data={["image", "video", "audio", "document"]}
            value={message.mediaType}
            allowDeselect={false}
            onChange={(value) => value && field("mediaType", value)}
          />
          <TextInput
            label={t("bots.props.link")}
            value={message.link}
            onChange={(event) => field("link", event.currentTarget.value)}
          />
          <TextInput
            label={t("bots.props.caption")}
            value={message.caption ?? ""}
            onChange={(event) => field("caption", event.currentTarget.value || undefined)}
          />
        </>
      ) : null}
      {message.kind === "buttons" ? (
        <PairsEditor
          label={t("bots.props.buttons")}
          items={message.buttons}
          keys={["id", "title"]}
          labels={[t("bots.props.optionId"), t("bots.props.optionTitle")]}
          max={3}
          make={(index) => ({ id: `option_${index + 1}`, title: `Option ${index + 1}` })}
          onChange={(buttons) => field("buttons", buttons)}
        />
      ) : null}
      {message.kind === "list" ? (
        <>
          <TextInput
            label={t("bots.props.listButton")}
            value={message.button}
            onChange={(event) => field("button", event.currentTarget.value)}
          />
          <PairsEditor
            label={t("bots.props.rows")}
            items={message.rows}
            keys={["id", "title"]}
            labels={[t("bots.props.optionId"), t("bots.props.optionTitle")]}
            max={10}
            make={(index) => ({ id: `row_${index + 1}`, title: `Option ${index + 1}` })}
            onChange={(rows) => field("rows", rows)}
          />
        </>
      ) : null}
      {message.kind === "template" ? (
        <>
          <TextInput
            label={t("bots.props.templateName")}
            value={message.name}
            onChange={(event) => field("name", event.currentTarget.value)}
          />
          <TextInput
            label={t("bots.props.language")}
            value={message.language}
            onChange={(event) => field("language", event.currentTarget.value)}
          />
        </>
      ) : null}
    </Stack>
  );
}
