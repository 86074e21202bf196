import { Alert, Button, Group, MultiSelect, Stack, Stepper, TextInput } from "@mantine/core";
import { useMutation, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";
import { api, unwrap } from "../../api/client";
import type { PhoneNumber, Template } from "../../api/types";
import { PageHeader } from "../../components/page";
import { ProblemAlert } from "../../components/problem";
import { EstimateView } from "./EstimateView";
import type { Campaign, Estimate } from "./model";
import { emptySchedule, ScheduleStep, scheduleInput } from "./ScheduleStep";
import { emptyVariant, VariantEditor, type VariantValues, variantInput } from "./VariantEditor";

interface Named {
  id: string;
  name: string;
}

/** What the wizard needs to offer: segments, lists, approved templates and the tenant's numbers. */
function useChoices() {
  return useQuery({
    queryKey: ["campaign-choices"],
    queryFn: async () => {
      const [segments, lists, templates, numbers] = await Promise.all([
        unwrap(api.GET("/v1/segments")),
        unwrap(api.GET("/v1/lists")),
        unwrap(api.GET("/v1/templates", { params: { query: { status: "approved", limit: 200 } } })),
        unwrap(api.GET("/v1/phone-numbers")),
      ]);
      return {
        segments: (segments as unknown as { data: Named[] }).data,
        lists: (lists as unknown as { data: Named[] }).data,
        templates: (templates as unknown as { data: Template[] }).data,
        numbers: (numbers as unknown as { data: PhoneNumber[] }).data.filter((n) => n.status === "connected"),
      };
    },
  });
}

/** Audience, template and variables (with the live phone preview), schedule, then review with cost and launch. */
export default function CampaignWizard() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const choices = useChoices();
  const [step, setStep] = useState(0);
  const [name, setName] = useState("");
  const [audience, setAudience] = useState({
    segmentIds: [] as string[],
    listIds: [] as string[],
    excludeSegmentIds: [] as string[],
    excludeListIds: [] as string[],
  });
  const [variants, setVariants] = useState<VariantValues[]>([emptyVariant()]);
  const [schedule, setSchedule] = useState(emptySchedule);
  const [draft, setDraft] = useState<{ campaign: Campaign; estimate: Estimate } | null>(null);
  const templates = choices.data?.templates ?? [];
  const numberOptions = (choices.data?.numbers ?? []).map((n) => ({
    value: n.id,
    label: `${n.displayPhoneNumber} (${n.verifiedName})`,
  }));
  const options = (list: Named[] | undefined) =>
    (list ?? []).map((item) => ({ value: item.id, label: item.name }));

  const estimate = useMutation({
    mutationFn: async () => {
      const body = {
        name,
        audience,
        variants: variants.map((variant) =>
          variantInput(
            variant,
            templates.find((tp) => tp.id === variant.templateId),
          ),
        ),
        ...scheduleInput({
          ...schedule,
          numberIds: schedule.numberIds.length
            ? schedule.numberIds
            : numberOptions.slice(0, 1).map((n) => n.value),
        }),
      };
      // A new draft for each estimate: what is reviewed is exactly what launches.
      const created = (await unwrap(
        api.POST("/v1/campaigns", { body: body as never }),
      )) as unknown as Campaign;
      const preview = (await unwrap(
        api.POST("/v1/campaigns/{id}/preview", { params: { path: { id: created.id } } }),
      )) as unknown as Estimate;
      return { campaign: created, estimate: preview };
    },
    onSuccess: setDraft,
  });
  const launch = useMutation({
    mutationFn: (id: string) => unwrap(api.POST("/v1/campaigns/{id}/launch", { params: { path: { id } } })),
    onSuccess: () => navigate(`/campaigns/${draft?.campaign.id}`),
  });

  const steps = [
    <Stack key="audience">
      <TextInput
        label={t("campaigns.name")}
        value={name}
        onChange={(e) => setName(e.currentTarget.value)}
        required
      />
      {choices.data && choices.data.segments.length + choices.data.lists.length === 0 ? (
        <Alert color="yellow">{t("campaigns.noSegments")}</Alert>
      ) : null}
      <MultiSelect
        label={t("campaigns.segments")}
        data={options(choices.data?.segments)}
        value={audience.segmentIds}
        onChange={(segmentIds) => setAudience({ ...audience, segmentIds })}
      />
      <MultiSelect
        label={t("campaigns.lists")}
        data={options(choices.data?.lists)}
        value={audience.listIds}
        onChange={(listIds) => setAudience({ ...audience, listIds })}
      />
      <MultiSelect
        label={t("campaigns.excludeSegments")}
        data={options(choices.data?.segments)}
        value={audience.excludeSegmentIds}
        onChange={(excludeSegmentIds) => setAudience({ ...audience, excludeSegmentIds })}
      />
      <MultiSelect
        label={t("campaigns.excludeLists")}
        data={options(choices.data?.lists)}
        value={audience.excludeListIds}
        onChange={(excludeListIds) => setAudience({ ...audience, excludeListIds })}
      />
    </Stack>,
    <Stack key="content">
      {variants.map((variant, index) => (
        <VariantEditor
          // biome-ignore lint/suspicious/noArrayIndexKey: variants have no identity but their position
          key={index}
          index={index}
          variant={variant}
          templates={templates}
          onChange={(next) => setVariants(variants.map((v, i) => (i === index ? next : v)))}
        />
      ))}
      {variants.length < 5 ? (
        <Button variant="subtle" w="fit-content" onClick={() => setVariants([...variants, emptyVariant()])}>
          {t("campaigns.addVariant")}
        </Button>
      ) : null}
    </Stack>,
    <ScheduleStep key="schedule" values={schedule} numbers={numberOptions} onChange={setSchedule} />,
    <Stack key="review">
      <Button w="fit-content" variant="light" onClick={() => estimate.mutate()} loading={estimate.isPending}>
        {t("campaigns.saveAndEstimate")}
      </Button>
      <ProblemAlert error={estimate.error} />
      {draft ? <EstimateView estimate={draft.estimate} /> : null}
      <ProblemAlert error={launch.error} />
      {draft ? (
        <Button w="fit-content" onClick={() => launch.mutate(draft.campaign.id)} loading={launch.isPending}>
          {t("campaigns.launch")}
        </Button>
      ) : null}
    </Stack>,
  ];
  const labels = ["audience", "content", "schedule", "review"] as const;
  return (
    <>
      <PageHeader title={t("campaigns.new")} />
      <Stepper active={step} onStepClick={setStep} size="sm" mb="md">
        {labels.map((label) => (
          <Stepper.Step key={label} label={t(`campaigns.steps.${label}`)} />
        ))}
      </Stepper>
      {steps[step]}
      <Group mt="md">
        {step > 0 ? (
          <Button variant="default" onClick={() => setStep(step - 1)}>
            {t("campaigns.back")}
          </Button>
        ) : null}
        {step < steps.length - 1 ? (
          <Button onClick={() => setStep(step + 1)}>{t("campaigns.next")}</Button>
        ) : null}
      </Group>
    </>
  );
}
