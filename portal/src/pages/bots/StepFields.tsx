import { NumberInput, Select, Stack, Switch, Textarea, TextInput } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { api, unwrap } from "../../api/client";
import { ConditionFields } from "./ConditionFields";
import { linesToRecord, PairsEditor, recordToLines } from "./fields";
import { MessageFields } from "./MessageFields";
import type { FlowNode, NodeOf } from "./model";

type Change<T extends FlowNode["type"]> = (node: NodeOf<T>) => void;

function AskFields({ node, onChange }: { node: NodeOf<"ask">; onChange: Change<"ask"> }) {
  const { t } = useTranslation();
  return (
    <>
      <Textarea
        label={t("bots.props.prompt")}
        autosize
        minRows={2}
        value={node.prompt}
        onChange={(event) => onChange({ ...node, prompt: event.currentTarget.value })}
      />
      <Select
        label={t("bots.props.input")}
        data={(["text", "number", "email", "date", "choice"] as const).map((value) => ({
          value,
          label: t(`bots.inputs.${value}`),
        }))}
        value={node.input}
        allowDeselect={false}
        onChange={(value) =>
          value &&
          onChange({
            ...node,
            input: value as NodeOf<"ask">["input"],
            choices:
              value === "choice" ? (node.choices ?? [{ id: "option_1", title: "Option 1" }]) : undefined,
          })
        }
      />
      {node.input === "choice" ? (
        <PairsEditor
          label={t("bots.props.choices")}
          items={node.choices ?? []}
          keys={["id", "title"]}
          labels={[t("bots.props.optionId"), t("bots.props.optionTitle")]}
          max={10}
          make={(index) => ({ id: `option_${index + 1}`, title: `Option ${index + 1}` })}
          onChange={(choices) => onChange({ ...node, choices })}
        />
      ) : null}
      <TextInput
        label={t("bots.props.attribute")}
        value={node.attribute}
        onChange={(event) => onChange({ ...node, attribute: event.currentTarget.value })}
      />
      <NumberInput
        label={t("bots.props.retries")}
        min={0}
        max={5}
        value={node.retries ?? 2}
        onChange={(value) => onChange({ ...node, retries: Number(value) || 0 })}
      />
      <TextInput
        label={t("bots.props.retryPrompt")}
        value={node.retryPrompt ?? ""}
        onChange={(event) => onChange({ ...node, retryPrompt: event.currentTarget.value || undefined })}
      />
      <NumberInput
        label={t("bots.props.timeoutMinutes")}
        min={1}
        value={node.timeoutMinutes ?? ""}
        onChange={(value) => onChange({ ...node, timeoutMinutes: value === "" ? undefined : Number(value) })}
      />
      <Select
        label={t("bots.props.timeoutAction")}
        data={(["close", "remind"] as const).map((value) => ({ value, label: t(`bots.timeout.${value}`) }))}
        value={node.timeoutAction ?? "close"}
        allowDeselect={false}
        onChange={(value) => value && onChange({ ...node, timeoutAction: value as "close" | "remind" })}
      />
      {node.timeoutAction === "remind" ? (
        <TextInput
          label={t("bots.props.reminder")}
          value={node.reminder ?? ""}
          onChange={(event) => onChange({ ...node, reminder: event.currentTarget.value || undefined })}
        />
      ) : null}
    </>
  );
}

function HttpFields({ node, onChange }: { node: NodeOf<"http">; onChange: Change<"http"> }) {
  const { t } = useTranslation();
  return (
    <>
      <TextInput
        label={t("bots.props.url")}
        value={node.url}
        onChange={(event) => onChange({ ...node, url: event.currentTarget.value })}
      />
      <Select
        label={t("bots.props.method")}
        data={["POST", "GET"]}
        value={node.method ?? "POST"}
        allowDeselect={false}
        onChange={(value) => value && onChange({ ...node, method: value as "GET" | "POST" })}
      />
      <NumberInput
        label={t("bots.props.timeoutMs")}
        min={100}
        max={15000}
        value={node.timeoutMs ?? 5000}
        onChange={(value) => onChange({ ...node, timeoutMs: Number(value) || 5000 })}
      />
      <Textarea
        label={t("bots.props.body")}
        description={t("bots.props.linesHint", { attribute: "{{attribute}}" })}
        autosize
        value={recordToLines(node.body)}
        onChange={(event) => {
          const body = linesToRecord(event.currentTarget.value);
          onChange({ ...node, body: Object.keys(body).length ? body : undefined });
        }}
      />
      <Textarea
        label={t("bots.props.map")}
        description={t("bots.props.mapHint")}
        autosize
        value={recordToLines(node.map)}
        onChange={(event) => onChange({ ...node, map: linesToRecord(event.currentTarget.value) })}
      />
      <TextInput
        label={t("bots.props.secret")}
        value={node.secret ?? ""}
        onChange={(event) => onChange({ ...node, secret: event.currentTarget.value || undefined })}
      />
    </>
  );
}

function HandoverFields({ node, onChange }: { node: NodeOf<"handover">; onChange: Change<"handover"> }) {
  const { t } = useTranslation();
  const teams = useQuery({
    queryKey: ["teams"],
    queryFn: async () => (await unwrap(api.GET("/v1/teams"))).data,
  });
  return (
    <>
      <Select
        label={t("bots.props.team")}
        data={(teams.data ?? []).map((team) => ({ value: team.id, label: team.name }))}
        value={node.teamId ?? null}
        clearable
        onChange={(value) => onChange({ ...node, teamId: value ?? undefined })}
      />
      <TextInput
        label={t("bots.props.handoverMessage")}
        value={node.message ?? ""}
        onChange={(event) => onChange({ ...node, message: event.currentTarget.value || undefined })}
      />
      <Textarea
        label={t("bots.props.note")}
        autosize
        value={node.note ?? ""}
        onChange={(event) => onChange({ ...node, note: event.currentTarget.value || undefined })}
      />
    </>
  );
}

/** The fields of the selected node's type. */
export function StepFields({ node, onChange }: { node: FlowNode; onChange: (node: FlowNode) => void }) {
  const { t } = useTranslation();
  switch (node.type) {
    case "send":
      return <MessageFields message={node.message} onChange={(message) => onChange({ ...node, message })} />;
    case "ask":
      return <AskFields node={node} onChange={onChange} />;
    case "set_attribute":
      return (
        <Stack gap="xs">
          <TextInput
            label={t("bots.props.attribute")}
            value={node.attribute}
            onChange={(event) => onChange({ ...node, attribute: event.currentTarget.value })}
          />
          <TextInput
            label={t("bots.props.value")}
            value={node.value}
            onChange={(event) => onChange({ ...node, value: event.currentTarget.value })}
          />
          <Switch
            label={t("bots.props.saveToContact")}
            checked={node.saveToContact ?? true}
            onChange={(event) => onChange({ ...node, saveToContact: event.currentTarget.checked })}
          />
        </Stack>
      );
    case "condition":
      return <ConditionFields node={node} onChange={onChange} />;
    case "http":
      return <HttpFields node={node} onChange={onChange} />;
    case "classify":
      return (
        <PairsEditor
          label={t("bots.props.intents")}
          items={node.intents}
          keys={["name", "description"]}
          labels={[t("bots.props.intentName"), t("bots.props.intentDescription")]}
          max={20}
          make={(index) => ({ name: `intent_${index + 1}`, description: "…" })}
          onChange={(intents) => onChange({ ...node, intents })}
        />
      );
    case "answer":
      return (
        <Stack gap="xs">
          <Textarea
            label={t("bots.props.instructions")}
            description={t("bots.props.instructionsHint")}
            autosize
            minRows={2}
            value={node.instructions ?? ""}
            onChange={(event) => onChange({ ...node, instructions: event.currentTarget.value || undefined })}
          />
          <TextInput
            label={t("bots.props.attribute")}
            value={node.attribute ?? "answer"}
            onChange={(event) => onChange({ ...node, attribute: event.currentTarget.value })}
          />
        </Stack>
      );
    case "handover":
      return <HandoverFields node={node} onChange={onChange} />;
    case "end":
      return (
        <TextInput
          label={t("bots.props.endMessage")}
          value={node.message ?? ""}
          onChange={(event) => onChange({ ...node, message: event.currentTarget.value || undefined })}
        />
      );
  }
}
