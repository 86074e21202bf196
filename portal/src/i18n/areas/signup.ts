import type { AreaMessages } from "../messages";

/** Self-service Embedded Signup. */
const messages: AreaMessages = {
  en: {
    signup: {
      title: "Self-service signup",
      intro:
        "Connect a WhatsApp number yourself in a few minutes, with Meta's Embedded Signup (the sandbox's here):",
      step1: "Choose the two-step verification PIN the number will use.",
      step2:
        "In the window that opens, pick your business or create one, then a new number or your WhatsApp Business app number (coexistence).",
      step3:
        "When you finish, the window closes and Charla exchanges the code, connects the account, subscribes to it and registers the number.",
      step4: "The number appears here with its display-name status.",
      pin: "Two-step verification PIN",
      pinHelp: "6 digits you choose; keep them.",
      pinInvalid: "The PIN has exactly 6 digits.",
      open: "Open WhatsApp signup",
      returning: "Back from the signup: returning to Charla…",
      finishHere: "The signup is done at Meta: choose the number's two-step verification PIN to finish here.",
      finish: "Finish",
      done: "Connected",
      afterwards: "Open the number to follow its display-name review, its health and its profile.",
      stateMismatch: "This answer does not belong to the signup opened here: open the signup again.",
      manualTitle: "Already have a WhatsApp account?",
      manual: "Accounts connected by your platform team are listed on the numbers page.",
      backToNumbers: "Go to numbers",
      problems: {
        embedded_signup_failed:
          "Meta refused a step of the signup; open it again. If it repeats, write to your platform team.",
        embedded_signup_unavailable: "Self-service signup is available against the sandbox only.",
      },
    },
  },
  es: {
    signup: {
      title: "Alta autoservicio",
      intro:
        "Conecte un número de WhatsApp usted mismo en pocos minutos, con el Registro insertado de Meta (aquí, el del sandbox):",
      step1: "Elija el PIN de verificación en dos pasos que usará el número.",
      step2:
        "En la ventana que se abre, elija su empresa o cree una, y luego un número nuevo o el de su app WhatsApp Business (coexistencia).",
      step3:
        "Al terminar, la ventana se cierra y Charla canjea el código, conecta la cuenta, se suscribe a ella y registra el número.",
      step4: "El número aparece aquí con el estado de su nombre visible.",
      pin: "PIN de verificación en dos pasos",
      pinHelp: "6 dígitos que usted elige; guárdelos.",
      pinInvalid: "El PIN tiene exactamente 6 dígitos.",
      open: "Abrir el alta de WhatsApp",
      returning: "Alta terminada: volviendo a Charla…",
      finishHere:
        "El alta en Meta está hecha: elija el PIN de verificación en dos pasos del número para terminar aquí.",
      finish: "Terminar",
      done: "Conectado",
      afterwards: "Abra el número para seguir la revisión de su nombre visible, su salud y su perfil.",
      stateMismatch: "Esta respuesta no corresponde al alta abierta aquí: abra el alta de nuevo.",
      manualTitle: "¿Ya tiene una cuenta de WhatsApp?",
      manual: "Las cuentas conectadas por el equipo de su plataforma aparecen en la página de números.",
      backToNumbers: "Ir a números",
      problems: {
        embedded_signup_failed:
          "Meta rechazó un paso del alta; ábrala de nuevo. Si se repite, escriba al equipo de su plataforma.",
        embedded_signup_unavailable: "El alta autoservicio solo está disponible con el sandbox.",
      },
    },
  },
  pt: {
    signup: {
      title: "Cadastro self-service",
      intro:
        "Conecte um número do WhatsApp você mesmo em poucos minutos, com o Cadastro incorporado da Meta (aqui, o do sandbox):",
      step1: "Escolha o PIN de verificação em duas etapas que o número vai usar.",
      step2:
        "Na janela que abre, escolha sua empresa ou crie uma, e depois um número novo ou o do seu app WhatsApp Business (coexistência).",
      step3:
        "Ao terminar, a janela fecha e a Charla troca o código, conecta a conta, assina seus webhooks e registra o número.",
      step4: "O número aparece aqui com o status do nome de exibição.",
      pin: "PIN de verificação em duas etapas",
      pinHelp: "6 dígitos que você escolhe; guarde-os.",
      pinInvalid: "O PIN tem exatamente 6 dígitos.",
      open: "Abrir o cadastro do WhatsApp",
      returning: "Cadastro concluído: voltando para a Charla…",
      finishHere:
        "O cadastro na Meta está feito: escolha o PIN de verificação em duas etapas do número para terminar aqui.",
      finish: "Concluir",
      done: "Conectado",
      afterwards: "Abra o número para acompanhar a análise do nome de exibição, a saúde e o perfil.",
      stateMismatch: "Esta resposta não é do cadastro aberto aqui: abra o cadastro de novo.",
      manualTitle: "Já tem uma conta do WhatsApp?",
      manual: "As contas conectadas pela equipe da sua plataforma aparecem na página de números.",
      backToNumbers: "Ir para números",
      problems: {
        embedded_signup_failed:
          "A Meta recusou um passo do cadastro; abra-o de novo. Se repetir, escreva para a equipe da sua plataforma.",
        embedded_signup_unavailable: "O cadastro self-service só está disponível com o sandbox.",
      },
    },
  },
};

export default messages;
