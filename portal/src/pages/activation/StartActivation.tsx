import { Alert, Button, Card, Checkbox, SimpleGrid, Stack, Text, TextInput, Title } from "@mantine/core";
import { useForm } from "@mantine/form";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { api, unwrap } from "../../api/client";
import { notifySuccess } from "../../components/notify";
import { fieldErrors } from "../../components/problem";
import { ACTIVATION_KEY, areaProblem, FEED_KEY } from "./model";

/** Meta's business portfolio ids: the 15 or 16 digits in Business settings > Business info. */
export const BUSINESS_MANAGER_ID = /^\d{15,16}$/;

const COMPANY_FIELDS = [
  "legalName",
  "website",
  "country",
  "address",
  "contactPhone",
  "contactEmail",
] as const;

/** The first stage: company data and the Business Manager ID, format checked before it is sent. */
export function StartActivation() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const form = useForm({
    initialValues: {
      legalName: "",
      website: "https://",
      country: "",
      address: "",
      contactPhone: "",
      contactEmail: "",
      businessManagerId: "",
      businessVerified: false,
    },
    validate: {
      businessManagerId: (value) =>
        BUSINESS_MANAGER_ID.test(value.trim()) ? null : t("activation.form.bmIdInvalid"),
      country: (value) =>
        /^[A-Z]{2}$/.test(value.trim().toUpperCase()) ? null : t("activation.form.countryInvalid"),
      contactPhone: (value) =>
        /^\+[1-9]\d{6,14}$/.test(value.trim()) ? null : t("activation.form.phoneInvalid"),
      legalName: (value) => (value.trim().length >= 2 ? null : t("activation.form.required")),
      address: (value) => (value.trim().length >= 5 ? null : t("activation.form.required")),
    },
  });
  const start = useMutation({
    mutationFn: (values: typeof form.values) =>
      unwrap(
        api.POST("/v1/activation", {
          body: {
            company: {
              legalName: values.legalName.trim(),
              website: values.website.trim(),
              country: values.country.trim().toUpperCase(),
              address: values.address.trim(),
              contactPhone: values.contactPhone.trim(),
              contactEmail: values.contactEmail.trim(),
            },
            businessManagerId: values.businessManagerId.trim(),
            businessVerified: values.businessVerified,
          },
        }),
      ),
    onSuccess: () => {
      notifySuccess(t("activation.form.started"));
      void queryClient.invalidateQueries({ queryKey: ACTIVATION_KEY });
      void queryClient.invalidateQueries({ queryKey: FEED_KEY });
    },
    onError: (error) => form.setErrors(fieldErrors(error, (path) => path.replace(/^body\.(company\.)?/, ""))),
  });
  return (
    <Card withBorder>
      <form onSubmit={form.onSubmit((values) => start.mutate(values))} noValidate>
        <Stack>
          <Title order={2} size="h4">
            {t("activation.form.title")}
          </Title>
          <Text size="sm">{t("activation.form.intro")}</Text>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            {COMPANY_FIELDS.map((name) => (
              <TextInput
                key={name}
                label={t(`activation.company.${name}`)}
                required
                {...form.getInputProps(name)}
              />
            ))}
          </SimpleGrid>
          <TextInput
            label={t("activation.form.businessManagerId")}
            description={t("activation.form.bmIdHelp")}
            required
            inputMode="numeric"
            {...form.getInputProps("businessManagerId")}
          />
          <Checkbox
            label={t("activation.form.businessVerified")}
            {...form.getInputProps("businessVerified", { type: "checkbox" })}
          />
          {start.error ? (
            <Alert color="red" role="alert" variant="light">
              {areaProblem(t, start.error, "activationProblems")}
            </Alert>
          ) : null}
          <Button type="submit" loading={start.isPending} w="fit-content">
            {t("activation.form.submit")}
          </Button>
        </Stack>
      </form>
    </Card>
  );
}
