import type { AreaMessages } from "../messages";

const en = {
  analytics: {
    nav: "Dashboard",
  },
};

const es: typeof en = {
  analytics: {
    nav: "Panel",
  },
};

const pt: typeof en = {
  analytics: {
    nav: "Painel",
  },
};

export default { en, es, pt } satisfies AreaMessages;
