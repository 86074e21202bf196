import {
  Anchor,
  Button,
  Card,
  Select,
  SimpleGrid,
  Stack,
  TagsInput,
  Text,
  Textarea,
  TextInput,
  Title,
} from "@mantine/core";
import { useForm } from "@mantine/form";
import { useMutation, useQuery } from "@tanstack/react-query";
import { useEffect } from "react";
import { useTranslation } from "react-i18next";
import { api, unwrap } from "../../api/client";
import type { paths } from "../../api/schema";
import { notifySuccess } from "../../components/notify";
import { fieldErrors, ProblemAlert } from "../../components/problem";

/** The verticals the API accepts (its OpenAPI enum, from lifecycle-routes.ts). */
type Vertical = NonNullable<
  paths["/v1/phone-numbers/{id}/business-profile"]["patch"]["requestBody"]["content"]["application/json"]["vertical"]
>;
/** Every vertical, in the order the select lists them: one missing here or unknown to the API fails the type check. */
const LISTED_VERTICALS = {
  UNDEFINED: true,
  OTHER: true,
  AUTO: true,
  BEAUTY: true,
  APPAREL: true,
  EDU: true,
  ENTERTAIN: true,
  EVENT_PLAN: true,
  FINANCE: true,
  GROCERY: true,
  GOVT: true,
  HOTEL: true,
  HEALTH: true,
  NONPROFIT: true,
  PROF_SERVICES: true,
  RETAIL: true,
  TRAVEL: true,
  RESTAURANT: true,
  NOT_A_BIZ: true,
} as const satisfies Record<Vertical, true>;
const VERTICALS = Object.keys(LISTED_VERTICALS) as Vertical[];

interface Profile {
  about?: string;
  address?: string;
  description?: string;
  email?: string;
  websites?: string[];
  vertical?: string;
  profile_picture_url?: string;
}

const EMPTY = {
  about: "",
  address: "",
  description: "",
  email: "",
  websites: [] as string[],
  vertical: "UNDEFINED",
  photoHandle: "",
};

/** The business profile customers see in WhatsApp: about, address, description, email, websites, vertical, photo. */
export function BusinessProfile({ id }: { id: string }) {
  const { t } = useTranslation();
  const profile = useQuery({
    queryKey: ["business-profile", id],
    queryFn: async () =>
      (await unwrap(
        api.GET("/v1/phone-numbers/{id}/business-profile", { params: { path: { id } } }),
      )) as unknown as Profile,
  });
  const form = useForm({ initialValues: EMPTY });
  const { setValues, resetDirty } = form;
  useEffect(() => {
    if (!profile.data) return;
    const { about, address, description, email, websites, vertical } = profile.data;
    const values = {
      ...EMPTY,
      about: about ?? "",
      address: address ?? "",
      description: description ?? "",
      email: email ?? "",
      websites: websites ?? [],
      vertical: vertical ?? "UNDEFINED",
    };
    setValues(values);
    resetDirty(values);
  }, [profile.data, setValues, resetDirty]);
  const save = useMutation({
    mutationFn: (values: typeof EMPTY) => {
      const body = Object.fromEntries(
        Object.entries({
          about: values.about || undefined,
          address: values.address || undefined,
          description: values.description || undefined,
          email: values.email || undefined,
          websites: values.websites.length > 0 ? values.websites : undefined,
          vertical: values.vertical as Vertical,
          profilePictureHandle: values.photoHandle || undefined,
        }).filter(([, value]) => value !== undefined),
      );
      return unwrap(api.PATCH("/v1/phone-numbers/{id}/business-profile", { params: { path: { id } }, body }));
    },
    onSuccess: () => {
      notifySuccess(t("numberLife.profileSaved"));
      void profile.refetch();
    },
    onError: (error) =>
      form.setErrors(
        fieldErrors(error, (path) =>
          path.replace(/^body\./, "").replace(/^profilePictureHandle$/, "photoHandle"),
        ),
      ),
  });
  return (
    <Card withBorder>
      <form onSubmit={form.onSubmit((values) => save.mutate(values))} noValidate>
        <Stack gap="sm">
          <Title order={2} size="h4">
            {t("numberLife.profile")}
          </Title>
          <ProblemAlert error={profile.error} />
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput label={t("numberLife.about")} maxLength={139} {...form.getInputProps("about")} />
            <TextInput label={t("numberLife.email")} type="email" {...form.getInputProps("email")} />
            <TextInput label={t("numberLife.address")} {...form.getInputProps("address")} />
            <Select
              label={t("numberLife.vertical")}
              data={VERTICALS.map((value) => ({ value, label: t(`numberLife.verticals.${value}`) }))}
              allowDeselect={false}
              {...form.getInputProps("vertical")}
            />
          </SimpleGrid>
          <Textarea
            label={t("numberLife.description")}
            maxLength={512}
            autosize
            minRows={2}
            {...form.getInputProps("description")}
          />
          <TagsInput
            label={t("numberLife.websites")}
            description={t("numberLife.websitesHelp")}
            maxTags={2}
            {...form.getInputProps("websites")}
          />
          <TextInput
            label={t("numberLife.photoHandle")}
            description={t("numberLife.photoHelp")}
            {...form.getInputProps("photoHandle")}
          />
          {profile.data?.profile_picture_url ? (
            <Text size="sm">
              <Anchor href={profile.data.profile_picture_url} target="_blank" rel="noreferrer">
                {t("numberLife.currentPhoto")}
              </Anchor>
            </Text>
          ) : null}
          <ProblemAlert error={save.error} />
          <Button type="submit" w="fit-content" loading={save.isPending} disabled={!form.isDirty()}>
            {t("numberLife.saveProfile")}
          </Button>
        </Stack>
      </form>
    </Card>
  );
}
