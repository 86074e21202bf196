import { Alert, Button, Modal, Stack, TextInput } from "@mantine/core";
import { useForm } from "@mantine/form";
import { useDisclosure } from "@mantine/hooks";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";
import { api, unwrap } from "../../api/client";
import type { PhoneNumber } from "../../api/types";
import { notifySuccess } from "../../components/notify";
import { fieldErrors } from "../../components/problem";
import { areaProblem } from "../activation/model";

/** Adds a number to an account; its page then verifies and registers it. */
export function AddNumber({ accountId }: { accountId: string }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [opened, { open, close }] = useDisclosure();
  const form = useForm({
    initialValues: { countryCode: "", phoneNumber: "", displayName: "" },
    validate: {
      countryCode: (value) => (/^\d{1,3}$/.test(value) ? null : t("numberLife.countryCodeInvalid")),
      phoneNumber: (value) => (/^\d{4,14}$/.test(value) ? null : t("numberLife.phoneInvalid")),
    },
  });
  const add = useMutation({
    mutationFn: (body: typeof form.values) =>
      unwrap(
        api.POST("/v1/whatsapp-accounts/{id}/phone-numbers", { params: { path: { id: accountId } }, body }),
      ),
    onSuccess: (row) => {
      notifySuccess(t("numberLife.added"));
      void queryClient.invalidateQueries({ queryKey: ["phone-numbers"] });
      close();
      void navigate(`/numbers/${(row as unknown as PhoneNumber).id}`);
    },
    onError: (error) => form.setErrors(fieldErrors(error, (path) => path.replace(/^body\./, ""))),
  });
  return (
    <>
      <Button variant="light" onClick={open}>
        {t("numberLife.add")}
      </Button>
      <Modal opened={opened} onClose={close} title={t("numberLife.add")}>
        <form onSubmit={form.onSubmit((values) => add.mutate(values))} noValidate>
          <Stack>
            <TextInput
              label={t("numberLife.countryCode")}
              required
              inputMode="numeric"
              placeholder="54"
              {...form.getInputProps("countryCode")}
            />
            <TextInput
              label={t("numberLife.nationalNumber")}
              required
              inputMode="numeric"
              placeholder="91155550123"
              {...form.getInputProps("phoneNumber")}
            />
            <TextInput
              label={t("activation.displayName.label")}
              required
              {...form.getInputProps("displayName")}
            />
            {add.error ? (
              <Alert color="red" role="alert" variant="light">
                {areaProblem(t, add.error, "activationProblems")}
              </Alert>
            ) : null}
            <Button type="submit" loading={add.isPending}>
              {t("numberLife.add")}
            </Button>
          </Stack>
        </form>
      </Modal>
    </>
  );
}
