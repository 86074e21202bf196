import type { AreaMessages } from "../messages";

/** Why template sends wait for the platform's review, and the use-case form. */
const messages: AreaMessages = {
  en: {
    notificationsReview: {
      title: "Template messages of {{name}}",
      why: "Template messages (the ones you start: reminders, alerts, campaigns) from this account are refused until Charla's platform team checks how you use them: contacts' opt-in, no spam, no prohibited categories. Replies within 24 hours of a customer's message still work.",
      state: {
        undeclared: "Notifications are not enabled yet",
        waiting: "Your use case is in review",
        rejected: "Your use case was rejected",
      },
      todo: {
        undeclared: "What to do: tell us below what you send and how contacts opt in.",
        waiting: "Nothing to do now: you will be notified when they are enabled.",
        rejected: "What to do: fix what the reviewer said and send your use case again.",
      },
      rejectedBecause: "The reviewer said: {{note}}",
      useCase: "What you send and why",
      optInSource: "How contacts opt in",
      sampleMessage: "A sample message",
      declare: "Send for review",
      declared: "Use case sent for review.",
    },
  },
  es: {
    notificationsReview: {
      title: "Mensajes de plantilla de {{name}}",
      why: "Los mensajes de plantilla (los que usted inicia: recordatorios, avisos, campañas) de esta cuenta se rechazan hasta que el equipo de la plataforma de Charla revise cómo los usa: consentimiento de los contactos, nada de spam, ninguna categoría prohibida. Las respuestas dentro de las 24 horas del mensaje de un cliente siguen funcionando.",
      state: {
        undeclared: "Las notificaciones aún no están habilitadas",
        waiting: "Su caso de uso está en revisión",
        rejected: "Su caso de uso fue rechazado",
      },
      todo: {
        undeclared: "Qué hacer: cuéntenos abajo qué envía y cómo dan su consentimiento los contactos.",
        waiting: "No tiene que hacer nada ahora: le avisaremos cuando estén habilitadas.",
        rejected: "Qué hacer: corrija lo que indicó el revisor y envíe su caso de uso de nuevo.",
      },
      rejectedBecause: "El revisor indicó: {{note}}",
      useCase: "Qué envía y por qué",
      optInSource: "Cómo dan su consentimiento los contactos",
      sampleMessage: "Un mensaje de ejemplo",
      declare: "Enviar a revisión",
      declared: "Caso de uso enviado a revisión.",
    },
  },
  pt: {
    notificationsReview: {
      title: "Mensagens de modelo de {{name}}",
      why: "As mensagens de modelo (as que você inicia: lembretes, alertas, campanhas) desta conta são recusadas até que a equipe da plataforma Charla verifique como você as usa: consentimento dos contatos, nada de spam, nenhuma categoria proibida. Respostas dentro de 24 horas da mensagem de um cliente continuam funcionando.",
      state: {
        undeclared: "As notificações ainda não estão habilitadas",
        waiting: "Seu caso de uso está em análise",
        rejected: "Seu caso de uso foi rejeitado",
      },
      todo: {
        undeclared: "O que fazer: conte abaixo o que você envia e como os contatos dão consentimento.",
        waiting: "Nada a fazer agora: você será avisado quando forem habilitadas.",
        rejected: "O que fazer: corrija o que o revisor apontou e envie seu caso de uso novamente.",
      },
      rejectedBecause: "O revisor disse: {{note}}",
      useCase: "O que você envia e por quê",
      optInSource: "Como os contatos dão consentimento",
      sampleMessage: "Uma mensagem de exemplo",
      declare: "Enviar para análise",
      declared: "Caso de uso enviado para análise.",
    },
  },
};

export default messages;
