import { Button, Modal, Stack, TagsInput, TextInput } from "@mantine/core";
import { useForm } from "@mantine/form";
import { useDisclosure } from "@mantine/hooks";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { api, unwrap } from "../../api/client";
import { notifySuccess } from "../../components/notify";
import { fieldErrors, ProblemAlert } from "../../components/problem";

/** Creates (or updates, by phone) a contact; a failed save keeps the form as typed. */
export function AddContact() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [opened, { open, close }] = useDisclosure();
  const form = useForm({ initialValues: { phone: "", name: "", tags: [] as string[] } });
  const save = useMutation({
    mutationFn: (values: typeof form.values) =>
      unwrap(
        api.POST("/v1/contacts", {
          body: { phone: values.phone, ...(values.name ? { name: values.name } : {}), tags: values.tags },
        }),
      ),
    onSuccess: () => {
      notifySuccess(t("contacts.added"));
      void queryClient.invalidateQueries({ queryKey: ["contacts"] });
      form.reset();
      close();
    },
    onError: (error) => form.setErrors(fieldErrors(error, (path) => path.replace(/^body\./, ""))),
  });
  return (
    <>
      <Button onClick={open}>{t("contacts.add")}</Button>
      <Modal opened={opened} onClose={close} title={t("contacts.add")}>
        <form onSubmit={form.onSubmit((values) => save.mutate(values))} noValidate>
          <Stack>
            <TextInput
              label={t("contacts.phone")}
              required
              placeholder="+5491155550000"
              {...form.getInputProps("phone")}
            />
            <TextInput label={t("contacts.name")} {...form.getInputProps("name")} />
            <TagsInput label={t("contacts.tags")} {...form.getInputProps("tags")} />
            <ProblemAlert error={save.error} />
            <Button type="submit" loading={save.isPending}>
              {t("app.save")}
            </Button>
          </Stack>
        </form>
      </Modal>
    </>
  );
}
