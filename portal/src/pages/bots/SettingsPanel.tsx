import { Button, Select, Stack, Switch, TagsInput, TextInput } from "@mantine/core";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { notifySuccess } from "../../components/notify";
import { ProblemAlert } from "../../components/problem";
import { saveFlow, useFlowMutation, usePhoneNumbers } from "./api";
import type { BotFlow, FlowTriggers } from "./model";

/** The flow's name, number, default-bot switch and triggers (keywords, patterns, first contact…). */
export function SettingsPanel({ flow }: { flow: BotFlow }) {
  const { t } = useTranslation();
  const numbers = usePhoneNumbers();
  const [name, setName] = useState(flow.name);
  const [phoneNumberId, setPhoneNumberId] = useState(flow.phoneNumberId);
  const [isDefault, setIsDefault] = useState(flow.isDefault);
  const [triggers, setTriggers] = useState<FlowTriggers>(flow.triggers);
  const set = (patch: Partial<FlowTriggers>) => setTriggers((current) => ({ ...current, ...patch }));
  const save = useFlowMutation(
    () => saveFlow(flow.id, { name, phoneNumberId, isDefault, triggers }),
    () => notifySuccess(t("bots.settingsSaved")),
  );
  return (
    <Stack gap="xs">
      <TextInput
        label={t("bots.name")}
        value={name}
        onChange={(event) => setName(event.currentTarget.value)}
      />
      <Select
        label={t("bots.number")}
        placeholder={t("bots.everyNumber")}
        data={(numbers.data ?? []).map((n) => ({ value: n.id, label: n.displayPhoneNumber }))}
        value={phoneNumberId}
        clearable
        onChange={setPhoneNumberId}
      />
      <Switch
        label={t("bots.isDefault")}
        description={t("bots.isDefaultHint")}
        checked={isDefault}
        onChange={(event) => setIsDefault(event.currentTarget.checked)}
      />
      <TagsInput
        label={t("bots.triggers.keywords")}
        description={t("bots.triggers.keywordsHint")}
        value={triggers.keywords ?? []}
        onChange={(keywords) => set({ keywords })}
      />
      <TagsInput
        label={t("bots.triggers.patterns")}
        description={t("bots.triggers.patternsHint")}
        value={triggers.patterns ?? []}
        onChange={(patterns) => set({ patterns })}
      />
      <TagsInput
        label={t("bots.triggers.buttonIds")}
        value={triggers.buttonIds ?? []}
        onChange={(buttonIds) => set({ buttonIds })}
      />
      <Switch
        label={t("bots.triggers.firstContact")}
        checked={triggers.firstContact ?? false}
        onChange={(event) => set({ firstContact: event.currentTarget.checked })}
      />
      <Switch
        label={t("bots.triggers.campaignReply")}
        checked={triggers.campaignReply ?? false}
        onChange={(event) => set({ campaignReply: event.currentTarget.checked })}
      />
      <ProblemAlert error={save.error} />
      <Button onClick={() => save.mutate(undefined)} loading={save.isPending} w="fit-content">
        {t("bots.saveSettings")}
      </Button>
    </Stack>
  );
}
