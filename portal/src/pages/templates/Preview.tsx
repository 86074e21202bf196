import { Box, Text } from "@mantine/core";
import {
  IconArrowBackUp,
  IconCopy,
  IconExternalLink,
  IconFileText,
  IconMapPin,
  IconPhone,
  IconPhoto,
  IconVideo,
} from "@tabler/icons-react";
import { Fragment, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import type { ButtonValues, TemplateValues } from "./model";
import classes from "./Preview.module.css";

/** WhatsApp's own text formatting: *bold*, _italic_, ~strikethrough~, ```monospace```. */
function formatted(text: string): ReactNode[] {
  return text.split(/(\*[^*\n]+\*|_[^_\n]+_|~[^~\n]+~|```[^`]+```)/g).map((part, i) => {
    const key = `${i}-${part}`;
    if (/^\*[^*]+\*$/.test(part)) return <strong key={key}>{part.slice(1, -1)}</strong>;
    if (/^_[^_]+_$/.test(part)) return <em key={key}>{part.slice(1, -1)}</em>;
    if (/^~[^~]+~$/.test(part)) return <s key={key}>{part.slice(1, -1)}</s>;
    if (/^```[^`]+```$/.test(part)) return <code key={key}>{part.slice(3, -3)}</code>;
    return <Fragment key={key}>{part}</Fragment>;
  });
}

/** Variables filled with their examples (or left as {{x}} while they have none). */
function withExamples(text: string, examples: (name: string) => string | undefined): string {
  return text.replace(/\{\{([^{}]*)\}\}/g, (whole, name: string) => examples(name.trim()) || whole);
}

const MEDIA_ICON = { IMAGE: IconPhoto, VIDEO: IconVideo, DOCUMENT: IconFileText, LOCATION: IconMapPin };

function ButtonRow({ button }: { button: ButtonValues }) {
  const { t } = useTranslation();
  const icons = {
    QUICK_REPLY: IconArrowBackUp,
    URL: IconExternalLink,
    PHONE_NUMBER: IconPhone,
    COPY_CODE: IconCopy,
    OTP: IconCopy,
  };
  const Icon = icons[button.type];
  const label =
    button.type === "COPY_CODE"
      ? t("editor.buttonTypes.COPY_CODE")
      : button.type === "OTP"
        ? button.text || t("editor.copyCode")
        : button.text || t(`editor.buttonTypes.${button.type}`);
  return (
    <div className={classes.button}>
      <Icon size={16} aria-hidden />
      <span>{label}</span>
    </div>
  );
}

const AUTH_BODY: Record<string, string> = {
  es: "*{{1}}* es tu código de verificación.",
  pt: "*{{1}}* é seu código de verificação.",
  en: "*{{1}}* is your verification code.",
};

/** A phone with the template as a customer would receive it; updates as the form changes. */
export function TemplatePreview({ values }: { values: TemplateValues }) {
  const { t, i18n } = useTranslation();
  const auth = values.category === "AUTHENTICATION";
  const bodySource = auth ? (AUTH_BODY[values.language.slice(0, 2)] ?? AUTH_BODY.en!) : values.bodyText;
  const body = withExamples(bodySource, (name) => (auth ? "123456" : values.bodyExamples[name]));
  const header =
    values.headerFormat === "TEXT" ? withExamples(values.headerText, () => values.headerExample) : "";
  const MediaIcon =
    values.headerFormat in MEDIA_ICON ? MEDIA_ICON[values.headerFormat as keyof typeof MEDIA_ICON] : null;
  const time = new Intl.DateTimeFormat(i18n.resolvedLanguage, { timeStyle: "short" }).format(new Date());
  return (
    <figure className={classes.phone} aria-label={t("editor.previewTitle")}>
      <div className={classes.bar}>
        <Text size="sm" fw={600} c="white">
          {t("app.name")}
        </Text>
      </div>
      <div className={classes.chat} data-testid="template-preview">
        <div className={classes.bubble}>
          {MediaIcon && !auth ? (
            <Box className={classes.media}>
              <MediaIcon size={40} aria-hidden />
            </Box>
          ) : null}
          {header && !auth ? <div className={classes.header}>{formatted(header)}</div> : null}
          <div className={classes.body}>{formatted(body)}</div>
          {auth && values.securityRecommendation ? (
            <div className={classes.body}>{t("editor.securityRecommendation")}</div>
          ) : null}
          {values.footerText && !auth ? <div className={classes.footer}>{values.footerText}</div> : null}
          <div className={classes.time}>{time}</div>
        </div>
        {values.buttons.map((button, index) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: buttons have no identity but their position
          <ButtonRow key={index} button={button} />
        ))}
      </div>
    </figure>
  );
}
