import {
  Checkbox,
  Group,
  MultiSelect,
  NumberInput,
  SegmentedControl,
  Stack,
  Text,
  TextInput,
} from "@mantine/core";
import { useTranslation } from "react-i18next";

export interface ScheduleValues {
  numberIds: string[];
  kind: "now" | "at" | "cron";
  at: string;
  cron: string;
  timezone: string;
  quiet: boolean;
  quietStart: string;
  quietEnd: string;
  capMax: number;
  capHours: number;
}

export const emptySchedule = (): ScheduleValues => ({
  numberIds: [],
  kind: "now",
  at: "",
  cron: "0 10 * * 1",
  timezone: Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC",
  quiet: true,
  quietStart: "21:00",
  quietEnd: "09:00",
  capMax: 2,
  capHours: 168,
});

/** Sending numbers, when (now, at a local time, recurring), quiet hours and the frequency cap. */
export function ScheduleStep({
  values,
  numbers,
  onChange,
}: {
  values: ScheduleValues;
  numbers: { value: string; label: string }[];
  onChange: (next: ScheduleValues) => void;
}) {
  const { t } = useTranslation();
  const set = (patch: Partial<ScheduleValues>) => onChange({ ...values, ...patch });
  return (
    <Stack>
      <MultiSelect
        label={t("campaigns.numbers")}
        data={numbers}
        value={values.numberIds}
        onChange={(numberIds) => set({ numberIds })}
      />
      <div>
        <Text size="sm" fw={500} mb={4}>
          {t("campaigns.when")}
        </Text>
        <SegmentedControl
          value={values.kind}
          onChange={(kind) => set({ kind: kind as ScheduleValues["kind"] })}
          data={[
            { value: "now", label: t("campaigns.whenNow") },
            { value: "at", label: t("campaigns.whenAt") },
            { value: "cron", label: t("campaigns.whenCron") },
          ]}
        />
      </div>
      {values.kind === "at" ? (
        <TextInput
          type="datetime-local"
          label={t("campaigns.at")}
          value={values.at}
          onChange={(e) => set({ at: e.currentTarget.value })}
        />
      ) : null}
      {values.kind === "cron" ? (
        <TextInput
          label={t("campaigns.cron")}
          value={values.cron}
          onChange={(e) => set({ cron: e.currentTarget.value })}
        />
      ) : null}
      {values.kind !== "now" ? (
        <TextInput
          label={t("campaigns.timezone")}
          value={values.timezone}
          onChange={(e) => set({ timezone: e.currentTarget.value })}
        />
      ) : null}
      <Checkbox
        label={t("campaigns.quietHours")}
        checked={values.quiet}
        onChange={(e) => set({ quiet: e.currentTarget.checked })}
      />
      {values.quiet ? (
        <Group grow>
          <TextInput
            type="time"
            label={t("campaigns.quietStart")}
            value={values.quietStart}
            onChange={(e) => set({ quietStart: e.currentTarget.value })}
          />
          <TextInput
            type="time"
            label={t("campaigns.quietEnd")}
            value={values.quietEnd}
            onChange={(e) => set({ quietEnd: e.currentTarget.value })}
          />
        </Group>
      ) : null}
      <Text size="sm">{t("campaigns.frequencyCap", { max: values.capMax, hours: values.capHours })}</Text>
      <Group grow>
        <NumberInput
          label={t("campaigns.capMax")}
          min={1}
          max={100}
          value={values.capMax}
          onChange={(v) => set({ capMax: Number(v) || 1 })}
        />
        <NumberInput
          label={t("campaigns.capHours")}
          min={1}
          max={2160}
          value={values.capHours}
          onChange={(v) => set({ capHours: Number(v) || 1 })}
        />
      </Group>
    </Stack>
  );
}

/** The API's schedule and frequency cap from the form's. */
export function scheduleInput(values: ScheduleValues) {
  return {
    phoneNumberIds: values.numberIds,
    schedule: {
      kind: values.kind,
      timezone: values.kind === "now" ? "UTC" : values.timezone,
      ...(values.kind === "at" ? { at: values.at } : {}),
      ...(values.kind === "cron" ? { cron: values.cron } : {}),
      quietHours: values.quiet ? { start: values.quietStart, end: values.quietEnd } : null,
    },
    frequencyCap: { max: values.capMax, periodHours: values.capHours },
  };
}
