// Generated from Charla's /openapi.json by `npm run portal:api`. Do not edit.
export interface paths {
    "/c/{token}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A campaign URL button's redirect link: counts the click per recipient */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    token: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/health": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Liveness and readiness: the database answers and the job queue is installed */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            database: {
                                error?: string;
                                latencyMs: number;
                                /** @enum {string} */
                                status: "ok" | "fail";
                            };
                            databaseKind: string;
                            jobs: {
                                error?: string;
                                latencyMs: number;
                                /** @enum {string} */
                                status: "ok" | "fail";
                            };
                            /** @enum {string} */
                            status: "ok";
                        };
                    };
                };
                /** @description Default Response */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            database: {
                                error?: string;
                                latencyMs: number;
                                /** @enum {string} */
                                status: "ok" | "fail";
                            };
                            databaseKind: string;
                            jobs: {
                                error?: string;
                                latencyMs: number;
                                /** @enum {string} */
                                status: "ok" | "fail";
                            };
                            /** @enum {string} */
                            status: "fail";
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/activation": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The activation tracker: stages, owners, SLA, next action (en, es, pt) */
        get: {
            parameters: {
                query?: {
                    lang?: "en" | "es" | "pt";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        /** Start the account activation: company data and the Business Manager ID */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description Meta's business portfolio id (^\d{15,16}$) */
                        businessManagerId: string;
                        businessVerified?: boolean;
                        company: {
                            address: string;
                            /** Format: email */
                            contactEmail: string;
                            contactPhone: string;
                            country: string;
                            legalName: string;
                            /** Format: uri */
                            website: string;
                        };
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/activation/display-name": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Submit the display name to WhatsApp's review (pre-checked against Meta's rules) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        displayName: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/activation/documents": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Upload a business verification document (base64, up to 5 MB) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** Format: byte */
                        contentBase64: string;
                        filename: string;
                        /** @enum {string} */
                        kind: "legal_name" | "address" | "tax_registration" | "business_license" | "utility_bill";
                        /** @enum {string} */
                        mimeType: "application/pdf" | "image/jpeg" | "image/png";
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/activation/feed": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The tenant's activation notifications, newest first */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/activation/partner-request/approve": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Confirm the partner request was approved in the Business Manager */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/activation/stages/{stage}/notes": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Add a note to a stage of the tenant's activation */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    stage: "company_data" | "business_verification" | "partner_request" | "policy_review" | "display_name_review" | "activation";
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        text: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/activation/verification": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Submit the business verification (documents, website and domain, contact phone) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        domainVerified: boolean;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/admin/activations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Every tenant's activation by stage, with SLA breaches (platform admin) */
        get: {
            parameters: {
                query?: {
                    breached?: "true" | "false";
                    owner?: "tenant" | "platform" | "meta";
                    stage?: "company_data" | "business_verification" | "partner_request" | "policy_review" | "display_name_review" | "activation";
                    status?: "in_progress" | "activated";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/admin/activations/{id}/stages/{stage}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Move a stage: the platform's decision or Meta's answer, with reasons (platform admin) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                    stage: "company_data" | "business_verification" | "partner_request" | "policy_review" | "display_name_review" | "activation";
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        note?: string;
                        reasons?: string[];
                        /** @enum {string} */
                        to: "pending" | "action_required" | "in_review" | "rejected" | "done";
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/admin/activations/{id}/stages/{stage}/notes": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Add a platform note to a stage (platform admin) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                    stage: "company_data" | "business_verification" | "partner_request" | "policy_review" | "display_name_review" | "activation";
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        text: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/admin/activations/stats": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Average time per stage and in total (platform admin) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/admin/billing/ledger-check": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Run the ledger check now (balances = sums of entries; postings balance) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            balanceMismatches: {
                                /** @description integer micro-units (1 unit = 1,000,000) */
                                cached: number;
                                /** @description integer micro-units (1 unit = 1,000,000) */
                                ledger: number;
                                /** Format: uuid */
                                tenantId: string;
                            }[];
                            ok: boolean;
                            unbalancedPostings: string[];
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/admin/billing/margins": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The platform's margin per tenant in a month: Meta's cost, markup, revenue */
        get: {
            parameters: {
                query?: {
                    month?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: {
                                currency: string;
                                /** @description decimal string, e.g. 12.500000 */
                                markup: string;
                                /** @description decimal string, e.g. 12.500000 */
                                metaCost: string;
                                /** @description decimal string, e.g. 12.500000 */
                                revenue: string;
                                /** @description the tenant's slug */
                                tenant: string | null;
                                /** Format: uuid */
                                tenantId: string;
                            }[];
                            month: string;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/admin/billing/rate-cards": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Import Meta's rate card CSV (and its volume tier CSV) as a new version */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        csv: string;
                        currency?: string;
                        /** Format: date */
                        effectiveFrom: string;
                        source: string;
                        tiersCsv?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            currency: string;
                            /** Format: date-time */
                            effectiveFrom: string;
                            /** Format: uuid */
                            id: string;
                            /** Format: date-time */
                            importedAt: string;
                            importedBy: string;
                            /** @description rates imported */
                            rates: number;
                            source: string;
                            version: number;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/admin/billing/tenants": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Every tenant with its wallet (enforced: false without one) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: {
                                /** Format: uuid */
                                id: string;
                                name: string;
                                slug: string;
                                wallet: {
                                    /**
                                     * @description no wallet: the tenant is not billed
                                     * @enum {boolean}
                                     */
                                    enforced: false;
                                } | {
                                    authInternational: boolean;
                                    /** @description decimal string, e.g. 12.500000 */
                                    balance: string;
                                    /** @description integer micro-units (1 unit = 1,000,000) */
                                    balanceMicros: number;
                                    /** @description decimal string, e.g. 12.500000 */
                                    creditLimit: string;
                                    /** @description integer micro-units (1 unit = 1,000,000) */
                                    creditLimitMicros: number;
                                    currency: string;
                                    /** @enum {boolean} */
                                    enforced: true;
                                    /** @description the balance is below the low-balance threshold */
                                    lowBalance: boolean;
                                    lowBalanceThreshold: string | null;
                                };
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/admin/billing/tenants/{tenantId}/adjustments": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Correct a wallet by a signed amount, with a reason */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    tenantId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        amount: string;
                        reason: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            adjusted: true;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/admin/billing/tenants/{tenantId}/markups": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A tenant's markups (basis points; '*' = every category) and the platform's default */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    tenantId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: {
                                basisPoints: number;
                                category: string;
                                /** Format: uuid */
                                tenantId: string;
                                /** Format: date-time */
                                updatedAt: string;
                                updatedBy: string;
                            }[];
                            defaultBasisPoints: number;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/admin/billing/tenants/{tenantId}/markups/{category}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Set a tenant's markup for a category ('*' for all), in basis points (2000 = 20%) */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    category: "marketing" | "utility" | "authentication" | "authentication-international" | "service" | "*";
                    tenantId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        basisPoints: number;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            basisPoints: number;
                            /** @enum {string} */
                            category: "marketing" | "utility" | "authentication" | "authentication-international" | "service" | "*";
                            /** Format: uuid */
                            tenantId: string;
                        };
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/admin/billing/tenants/{tenantId}/refunds": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Give a charged message's price back to the wallet (once) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    tenantId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** Format: uuid */
                        messageId: string;
                        reason: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            refunded: boolean;
                            replayed: boolean;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/admin/billing/tenants/{tenantId}/top-ups": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Credit a top-up (once per reference) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    tenantId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        amount: string;
                        reference: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            credited: boolean;
                            replayed: boolean;
                        };
                    };
                };
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            credited: boolean;
                            replayed: boolean;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/admin/billing/tenants/{tenantId}/wallet": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Open a tenant's prepaid wallet (billing then applies to its sends) or change its settings */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    tenantId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        authInternational?: boolean;
                        creditLimit?: string;
                        currency?: string;
                        lowBalanceThreshold?: string | null;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /**
                             * @description no wallet: the tenant is not billed
                             * @enum {boolean}
                             */
                            enforced: false;
                        } | {
                            authInternational: boolean;
                            /** @description decimal string, e.g. 12.500000 */
                            balance: string;
                            /** @description integer micro-units (1 unit = 1,000,000) */
                            balanceMicros: number;
                            /** @description decimal string, e.g. 12.500000 */
                            creditLimit: string;
                            /** @description integer micro-units (1 unit = 1,000,000) */
                            creditLimitMicros: number;
                            currency: string;
                            /** @enum {boolean} */
                            enforced: true;
                            /** @description the balance is below the low-balance threshold */
                            lowBalance: boolean;
                            lowBalanceThreshold: string | null;
                        };
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/admin/notification-reviews": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Accounts whose notifications wait for review (platform admin) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/admin/template-reviews": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Templates of every tenant waiting for platform review, oldest first (platform admins) */
        get: {
            parameters: {
                query?: {
                    cursor?: string;
                    limit?: number;
                    tenantId?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: {
                                /** Format: uuid */
                                accountId: string;
                                /** @enum {string} */
                                category: "MARKETING" | "UTILITY" | "AUTHENTICATION";
                                /** Format: date-time */
                                createdAt: string;
                                definition: {
                                    [key: string]: unknown;
                                };
                                /** Format: uuid */
                                id: string;
                                language: string;
                                lastSyncedAt: string | null;
                                metaStatus: string | null;
                                metaTemplateId: string | null;
                                name: string;
                                policyFindings: {
                                    category?: string;
                                    match?: string;
                                    message: string;
                                    path: string;
                                    /** @enum {string} */
                                    rule: "prohibited_content" | "utility_promotional_content" | "marketing_missing_opt_out" | "url_shortener";
                                    /** @enum {string} */
                                    severity: "block" | "warn";
                                }[] | null;
                                qualityScore: string | null;
                                reviewedAt: string | null;
                                reviewedBy: string | null;
                                reviewRequestedAt: string | null;
                                /** @enum {string} */
                                source: "charla" | "meta";
                                /** @enum {string} */
                                status: "draft" | "in_review" | "policy_rejected" | "pending" | "approved" | "rejected" | "paused" | "disabled";
                                statusReason: string | null;
                                submittedAt: string | null;
                                tenant: {
                                    /** Format: uuid */
                                    id: string;
                                    name: string;
                                    slug: string;
                                };
                                /** Format: date-time */
                                updatedAt: string;
                            }[];
                            nextCursor: string | null;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/admin/templates/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Any tenant's template with findings and history (platform admins) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: uuid */
                            accountId: string;
                            /** @enum {string} */
                            category: "MARKETING" | "UTILITY" | "AUTHENTICATION";
                            /** Format: date-time */
                            createdAt: string;
                            definition: {
                                [key: string]: unknown;
                            };
                            history: {
                                actor: string;
                                /** Format: date-time */
                                at: string;
                                data: {
                                    [key: string]: unknown;
                                } | null;
                                fromStatus: ("draft" | "in_review" | "policy_rejected" | "pending" | "approved" | "rejected" | "paused" | "disabled") | null;
                                /** Format: uuid */
                                id: string;
                                reason: string | null;
                                /** @enum {string} */
                                source: "author" | "policy" | "admin" | "meta_submit" | "meta_webhook" | "meta_sync";
                                /** @enum {string} */
                                toStatus: "draft" | "in_review" | "policy_rejected" | "pending" | "approved" | "rejected" | "paused" | "disabled";
                            }[];
                            /** Format: uuid */
                            id: string;
                            language: string;
                            lastSyncedAt: string | null;
                            metaStatus: string | null;
                            metaTemplateId: string | null;
                            name: string;
                            policyFindings: {
                                category?: string;
                                match?: string;
                                message: string;
                                path: string;
                                /** @enum {string} */
                                rule: "prohibited_content" | "utility_promotional_content" | "marketing_missing_opt_out" | "url_shortener";
                                /** @enum {string} */
                                severity: "block" | "warn";
                            }[] | null;
                            qualityScore: string | null;
                            reviewedAt: string | null;
                            reviewedBy: string | null;
                            reviewRequestedAt: string | null;
                            /** @enum {string} */
                            source: "charla" | "meta";
                            /** @enum {string} */
                            status: "draft" | "in_review" | "policy_rejected" | "pending" | "approved" | "rejected" | "paused" | "disabled";
                            statusReason: string | null;
                            submittedAt: string | null;
                            /** Format: date-time */
                            updatedAt: string;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/admin/templates/{id}/approve": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Approve a template after platform review and submit it to Meta (platform admins)
         * @description Allowed from in_review, and from policy_rejected to override the automatic policy. The template becomes `pending` (or what Meta answered). 422 `meta_submission_refused` when Meta refuses it (the template is then `rejected` with Meta's message); 502 `meta_unavailable` leaves it in review.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        note?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: uuid */
                            accountId: string;
                            /** @enum {string} */
                            category: "MARKETING" | "UTILITY" | "AUTHENTICATION";
                            /** Format: date-time */
                            createdAt: string;
                            definition: {
                                [key: string]: unknown;
                            };
                            /** Format: uuid */
                            id: string;
                            language: string;
                            lastSyncedAt: string | null;
                            metaStatus: string | null;
                            metaTemplateId: string | null;
                            name: string;
                            policyFindings: {
                                category?: string;
                                match?: string;
                                message: string;
                                path: string;
                                /** @enum {string} */
                                rule: "prohibited_content" | "utility_promotional_content" | "marketing_missing_opt_out" | "url_shortener";
                                /** @enum {string} */
                                severity: "block" | "warn";
                            }[] | null;
                            qualityScore: string | null;
                            reviewedAt: string | null;
                            reviewedBy: string | null;
                            reviewRequestedAt: string | null;
                            /** @enum {string} */
                            source: "charla" | "meta";
                            /** @enum {string} */
                            status: "draft" | "in_review" | "policy_rejected" | "pending" | "approved" | "rejected" | "paused" | "disabled";
                            statusReason: string | null;
                            submittedAt: string | null;
                            /** Format: date-time */
                            updatedAt: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/admin/templates/{id}/reject": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Reject a template waiting for platform review, with the reason its author will see */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        reason: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: uuid */
                            accountId: string;
                            /** @enum {string} */
                            category: "MARKETING" | "UTILITY" | "AUTHENTICATION";
                            /** Format: date-time */
                            createdAt: string;
                            definition: {
                                [key: string]: unknown;
                            };
                            /** Format: uuid */
                            id: string;
                            language: string;
                            lastSyncedAt: string | null;
                            metaStatus: string | null;
                            metaTemplateId: string | null;
                            name: string;
                            policyFindings: {
                                category?: string;
                                match?: string;
                                message: string;
                                path: string;
                                /** @enum {string} */
                                rule: "prohibited_content" | "utility_promotional_content" | "marketing_missing_opt_out" | "url_shortener";
                                /** @enum {string} */
                                severity: "block" | "warn";
                            }[] | null;
                            qualityScore: string | null;
                            reviewedAt: string | null;
                            reviewedBy: string | null;
                            reviewRequestedAt: string | null;
                            /** @enum {string} */
                            source: "charla" | "meta";
                            /** @enum {string} */
                            status: "draft" | "in_review" | "policy_rejected" | "pending" | "approved" | "rejected" | "paused" | "disabled";
                            statusReason: string | null;
                            submittedAt: string | null;
                            /** Format: date-time */
                            updatedAt: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/admin/tenants": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Create a tenant with its first admin API key (platform admins only) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        name: string;
                        slug: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            adminKey: string;
                            tenant: {
                                /** Format: date-time */
                                createdAt: string;
                                /** Format: uuid */
                                id: string;
                                name: string;
                                slug: string;
                                status: string;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/admin/whatsapp-accounts/{id}/notifications": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Enable (every check confirmed) or reject an account's notifications (platform admin) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        checks: {
                            noProhibitedCategories?: boolean;
                            noSpam?: boolean;
                            optIn?: boolean;
                        };
                        /** @enum {string} */
                        decision: "enable" | "reject";
                        note?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/agents": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The tenant's agents: availability, capacity, open conversations, teams */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: ({
                                /** @enum {string} */
                                availability: "online" | "away" | "offline";
                                capacity: number;
                                email: string;
                                /** Format: uuid */
                                id: string;
                                lastActiveAt: string | null;
                                name: string;
                                openConversations: number;
                                role: string;
                                teamIds: string[];
                            } & {
                                [key: string]: unknown;
                            })[];
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/agents/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** An admin sets an agent's availability or capacity */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @enum {string} */
                        availability?: "online" | "away" | "offline";
                        capacity?: number;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        trace?: never;
    };
    "/v1/agents/me": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** The signed-in agent's availability (online, away, offline) or capacity */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @enum {string} */
                        availability?: "online" | "away" | "offline";
                        capacity?: number;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        trace?: never;
    };
    "/v1/agents/me/heartbeat": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** The agent is active (an away agent is online again) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/analytics/agents": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Per agent: conversations resolved, median first-response and resolution times (seconds), CSAT */
        get: {
            parameters: {
                query?: {
                    /** @description start (inclusive, rounded down to the hour); default: 30 days before `to` */
                    from?: string;
                    /** @description end (exclusive); default: now, rounded up to the hour */
                    to?: string;
                    /** @description IANA timezone of day, week and month buckets */
                    tz?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            rows: {
                                conversations_handled: number;
                                csat_avg: number | null;
                                csat_count: number;
                                first_response_p50_s: number | null;
                                name: string;
                                resolution_p50_s: number | null;
                                user_id: string;
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/analytics/bots": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Per bot flow: sessions started, completed and handed over to a person */
        get: {
            parameters: {
                query?: {
                    /** @description start (inclusive, rounded down to the hour); default: 30 days before `to` */
                    from?: string;
                    /** @description end (exclusive); default: now, rounded up to the hour */
                    to?: string;
                    /** @description IANA timezone of day, week and month buckets */
                    tz?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            rows: {
                                completions: number;
                                flow_id: string;
                                handovers: number;
                                name: string;
                                sessions: number;
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/analytics/breakdown": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Totals of the period per number, template, campaign, category, market or failure error code */
        get: {
            parameters: {
                query: {
                    campaign_id?: string;
                    category?: string;
                    dimension: "number" | "template" | "campaign" | "category" | "market" | "error_code";
                    /** @description start (inclusive, rounded down to the hour); default: 30 days before `to` */
                    from?: string;
                    market?: string;
                    number_id?: string;
                    template_id?: string;
                    /** @description end (exclusive); default: now, rounded up to the hour */
                    to?: string;
                    /** @description IANA timezone of day, week and month buckets */
                    tz?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            rows: {
                                /** @description Meta's cost, in micro-units of `currency` (1,000,000 = 1 unit) */
                                cost_micros: number;
                                delivered: number;
                                failed: number;
                                key: string | null;
                                label: string;
                                read: number;
                                sent: number;
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/analytics/breakdown.csv": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The breakdown as CSV */
        get: {
            parameters: {
                query: {
                    campaign_id?: string;
                    category?: string;
                    dimension: "number" | "template" | "campaign" | "category" | "market" | "error_code";
                    /** @description start (inclusive, rounded down to the hour); default: 30 days before `to` */
                    from?: string;
                    market?: string;
                    number_id?: string;
                    template_id?: string;
                    /** @description end (exclusive); default: now, rounded up to the hour */
                    to?: string;
                    /** @description IANA timezone of day, week and month buckets */
                    tz?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/analytics/live": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Live dashboard: today's totals and rates, the last 60 minutes per minute, failures by reason, spend against balance, numbers' throughput and the messaging limit, inbox load
         * @description Open dashboards re-fetch on the `analytics.updated` event of GET /v1/events/stream (at most one a second).
         */
        get: {
            parameters: {
                query?: {
                    /** @description IANA timezone of day, week and month buckets */
                    tz?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            at: string;
                            failures_by_reason: {
                                error_code: number;
                                failed: number;
                            }[];
                            inbox: {
                                oldestWaitingSeconds: number | null;
                                open: number;
                                unassigned: number;
                            };
                            messaging_limit: {
                                /** @description Business-initiated conversations per 24 hours (null: unlimited) */
                                limit: number | null;
                                sent_24h: number;
                                /** @description The tier that sets the limit: the highest of the numbers' */
                                tier: string | null;
                                use: number | null;
                            };
                            numbers: {
                                display_phone_number: string;
                                peak_minute_sent: number;
                                phone_number_id: string;
                                throughput_per_second: number;
                                throughput_use: number;
                                tier: string | null;
                            }[];
                            per_minute: {
                                delivered: number;
                                failed: number;
                                minute: string;
                                read: number;
                                sent: number;
                            }[];
                            spend: {
                                /** @description The wallet's balance, in micro-units of `currency` (1,000,000 = 1 unit) */
                                balance_micros: number;
                                currency: string;
                                /** @description Today's cost and markup, in micro-units of `currency` (1,000,000 = 1 unit) */
                                today_micros: number;
                            };
                            today: {
                                /** @description Meta's cost, in micro-units of `currency` (1,000,000 = 1 unit) */
                                cost_micros: number;
                                delivered: number;
                                delivery_rate: number | null;
                                failed: number;
                                /** @description The markup, in micro-units of `currency` (1,000,000 = 1 unit) */
                                markup_micros: number;
                                read: number;
                                read_rate: number | null;
                                replies: number;
                                sent: number;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/analytics/messages": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Messages over time: sent, delivered, read, failed, replies, cost and markup per bucket, from the rollups
         * @description Buckets: hour (UTC hours), day, week (Monday) and month in `tz`. In a timezone whose offset is not whole hours, each UTC hour counts in the local day it starts in.
         */
        get: {
            parameters: {
                query?: {
                    bucket?: "hour" | "day" | "week" | "month";
                    campaign_id?: string;
                    category?: string;
                    /** @description also the totals of the previous period of equal length */
                    compare?: "previous";
                    /** @description start (inclusive, rounded down to the hour); default: 30 days before `to` */
                    from?: string;
                    market?: string;
                    number_id?: string;
                    template_id?: string;
                    /** @description end (exclusive); default: now, rounded up to the hour */
                    to?: string;
                    /** @description IANA timezone of day, week and month buckets */
                    tz?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            buckets: {
                                /** @description Meta's cost, in micro-units of `currency` (1,000,000 = 1 unit) */
                                cost_micros: number;
                                delivered: number;
                                failed: number;
                                /** @description The markup, in micro-units of `currency` (1,000,000 = 1 unit) */
                                markup_micros: number;
                                read: number;
                                replies: number;
                                sent: number;
                                start: string;
                            }[];
                            currency: string;
                            previous?: {
                                totals: {
                                    /** @description Meta's cost, in micro-units of `currency` (1,000,000 = 1 unit) */
                                    cost_micros: number;
                                    delivered: number;
                                    delivery_rate: number | null;
                                    failed: number;
                                    /** @description The markup, in micro-units of `currency` (1,000,000 = 1 unit) */
                                    markup_micros: number;
                                    read: number;
                                    read_rate: number | null;
                                    replies: number;
                                    sent: number;
                                };
                            };
                            totals: {
                                /** @description Meta's cost, in micro-units of `currency` (1,000,000 = 1 unit) */
                                cost_micros: number;
                                delivered: number;
                                delivery_rate: number | null;
                                failed: number;
                                /** @description The markup, in micro-units of `currency` (1,000,000 = 1 unit) */
                                markup_micros: number;
                                read: number;
                                read_rate: number | null;
                                replies: number;
                                sent: number;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/analytics/messages.csv": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The messages series as CSV
         * @description Buckets: hour (UTC hours), day, week (Monday) and month in `tz`. In a timezone whose offset is not whole hours, each UTC hour counts in the local day it starts in.
         */
        get: {
            parameters: {
                query?: {
                    bucket?: "hour" | "day" | "week" | "month";
                    campaign_id?: string;
                    category?: string;
                    /** @description also the totals of the previous period of equal length */
                    compare?: "previous";
                    /** @description start (inclusive, rounded down to the hour); default: 30 days before `to` */
                    from?: string;
                    market?: string;
                    number_id?: string;
                    template_id?: string;
                    /** @description end (exclusive); default: now, rounded up to the hour */
                    to?: string;
                    /** @description IANA timezone of day, week and month buckets */
                    tz?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/analytics/metrics": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The tenant's business metrics in Prometheus text format (scrape with an API key as a bearer token) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/analytics/recommendations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Recommendations, each with the figures behind it: best hour per template, declining templates, limits, campaign failure fixes */
        get: {
            parameters: {
                query?: {
                    /** @description IANA timezone of day, week and month buckets */
                    tz?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                figures: {
                                    [key: string]: number | null;
                                };
                                /** @enum {string} */
                                kind: "best_hour" | "template_declining" | "number_near_limit" | "campaign_failure_fix";
                                params: {
                                    [key: string]: string | number | null;
                                };
                                title_key: string;
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/api-keys": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List the tenant's API keys */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: {
                                /** Format: date-time */
                                createdAt: string;
                                /** Format: uuid */
                                id: string;
                                lastUsedAt: string | null;
                                name: string;
                                prefix: string;
                                revokedAt: string | null;
                                /** @enum {string} */
                                role: "platform_admin" | "tenant_admin" | "agent" | "developer" | "analyst";
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        /** Create an API key; the key is shown once */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        name: string;
                        /**
                         * @default developer
                         * @enum {string}
                         */
                        role?: "platform_admin" | "tenant_admin" | "agent" | "developer" | "analyst";
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            apiKey: {
                                /** Format: date-time */
                                createdAt: string;
                                /** Format: uuid */
                                id: string;
                                lastUsedAt: string | null;
                                name: string;
                                prefix: string;
                                revokedAt: string | null;
                                /** @enum {string} */
                                role: "platform_admin" | "tenant_admin" | "agent" | "developer" | "analyst";
                            };
                            key: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/api-keys/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Revoke an API key */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/assignment-rules": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Routing rules, in the order they are tried */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        /** A routing rule: number, contact tag, contact attribute, keywords of the first message -> team */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        attributeKey?: string | null;
                        attributeValue?: string | null;
                        contactTag?: string | null;
                        /** @default [] */
                        keywords?: string[];
                        phoneNumberId?: string | null;
                        /** @default 0 */
                        position?: number;
                        /** Format: uuid */
                        teamId: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/assignment-rules/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Delete a routing rule */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/audit-log": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The tenant's audit log, newest first */
        get: {
            parameters: {
                query?: {
                    action?: string;
                    before?: unknown;
                    limit?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: {
                                action: string;
                                actor: string;
                                /** Format: date-time */
                                at: string;
                                data: {
                                    [key: string]: unknown;
                                } | null;
                                /** Format: uuid */
                                id: string;
                                targetId: string | null;
                                targetType: string | null;
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/auth/invitations/{token}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** What an invitation is for (404 when unknown, used, revoked or expired) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    token: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            email: string;
                            /** Format: date-time */
                            expiresAt: string;
                            name: string;
                            /** @enum {string} */
                            role: "platform_admin" | "tenant_admin" | "agent" | "developer" | "analyst";
                            tenantName: string;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/auth/invitations/{token}/accept": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Accept an invitation: sets the password, creates the user and signs in */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    token: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        name?: string;
                        password: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            csrfToken: string;
                            tenant: {
                                /** Format: uuid */
                                id: string;
                                name: string;
                                slug: string;
                            };
                            user: {
                                email: string;
                                /** Format: uuid */
                                id: string;
                                name: string;
                                /** @enum {string} */
                                role: "platform_admin" | "tenant_admin" | "agent" | "developer" | "analyst";
                                /** Format: uuid */
                                tenantId: string;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/auth/login": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Sign in to the portal with email and password; sets the session cookie */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        email: string;
                        password: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            csrfToken: string;
                            tenant: {
                                /** Format: uuid */
                                id: string;
                                name: string;
                                slug: string;
                            };
                            user: {
                                email: string;
                                /** Format: uuid */
                                id: string;
                                name: string;
                                /** @enum {string} */
                                role: "platform_admin" | "tenant_admin" | "agent" | "developer" | "analyst";
                                /** Format: uuid */
                                tenantId: string;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/auth/logout": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Sign out: ends the session and clears its cookie */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/auth/password": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Change the signed-in user's password; their other sessions end */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        currentPassword: string;
                        newPassword: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/auth/session": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The signed-in user, tenant and CSRF token */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            csrfToken: string;
                            tenant: {
                                /** Format: uuid */
                                id: string;
                                name: string;
                                slug: string;
                            };
                            user: {
                                email: string;
                                /** Format: uuid */
                                id: string;
                                name: string;
                                /** @enum {string} */
                                role: "platform_admin" | "tenant_admin" | "agent" | "developer" | "analyst";
                                /** Format: uuid */
                                tenantId: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/billing/discrepancies": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Messages where Charla's estimate disagreed with the pricing Meta reported */
        get: {
            parameters: {
                query?: {
                    limit?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: ({
                                /** Format: date-time */
                                acceptedAt: string;
                                currency: string;
                                discrepancy: string | null;
                                /** @description decimal string, e.g. 12.500000 */
                                estimate: string;
                                estimatedCategory: string;
                                estimatedType: string;
                                market: string;
                                markup: string | null;
                                /** Format: uuid */
                                messageId: string;
                                metaCategory: string | null;
                                metaCost: string | null;
                                metaType: string | null;
                                /** Format: uuid */
                                phoneNumberId: string;
                                settledAt: string | null;
                                /** @enum {string} */
                                state: "reserved" | "charged" | "released" | "free";
                                templateId: string | null;
                            } & {
                                [key: string]: unknown;
                            })[];
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/billing/estimate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** What a message to a recipient would cost now (market, rule, Meta's cost, markup, total) */
        get: {
            parameters: {
                query: {
                    /** @description the template's category, or service */
                    category?: "marketing" | "utility" | "authentication" | "authentication-international" | "service";
                    /** @description the recipient's phone, E.164 */
                    to: string;
                    windowOpen?: "true" | "false";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            billable: boolean;
                            category: string;
                            /** @enum {boolean} */
                            enforced: false;
                            market: string;
                            marketName: string;
                            /** @enum {string} */
                            type: "regular" | "free_customer_service" | "free_entry_point";
                        } | {
                            billable: boolean;
                            category: string;
                            currency: string;
                            /** @enum {boolean} */
                            enforced: true;
                            market: string;
                            marketName: string;
                            markup: string | null;
                            metaCost: string | null;
                            rateAvailable: boolean;
                            total: string | null;
                            /** @enum {string} */
                            type: "regular" | "free_customer_service" | "free_entry_point";
                        };
                    };
                };
            };
        };
        put?: never;
        /** What a message about to be sent would cost: the template's category, the number's window with the contact, any free entry point */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description the sending number (Charla's id or Meta's) */
                        from?: string;
                        template?: {
                            language: string;
                            name: string;
                        };
                        /** @description the recipient's phone, E.164 */
                        to: string;
                        /** @description the message type when not a template */
                        type?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            billable: boolean;
                            category: string;
                            /** @enum {boolean} */
                            enforced: false;
                            market: string;
                            marketName: string;
                            messageType: string | null;
                            template: {
                                language: string;
                                name: string;
                            } | null;
                            /** @enum {string} */
                            type: "regular" | "free_customer_service" | "free_entry_point";
                            windowOpen: boolean;
                        } | {
                            billable: boolean;
                            category: string;
                            currency: string;
                            /** @enum {boolean} */
                            enforced: true;
                            market: string;
                            marketName: string;
                            markup: string | null;
                            messageType: string | null;
                            metaCost: string | null;
                            rateAvailable: boolean;
                            template: {
                                language: string;
                                name: string;
                            } | null;
                            total: string | null;
                            /** @enum {string} */
                            type: "regular" | "free_customer_service" | "free_entry_point";
                            windowOpen: boolean;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/billing/ledger": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The tenant's ledger postings (newest first), each with its double-entry lines */
        get: {
            parameters: {
                query?: {
                    /** @description nextCursor of the previous page */
                    cursor?: string;
                    from?: string;
                    /** @description comma-separated kinds */
                    kind?: string;
                    limit?: number;
                    to?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: {
                                author: string;
                                /** Format: date-time */
                                createdAt: string;
                                /** Format: uuid */
                                id: string;
                                key: string;
                                /** @enum {string} */
                                kind: "top_up" | "reservation" | "release" | "charge" | "refund" | "adjustment";
                                lines: {
                                    /** @enum {string} */
                                    account: "wallet" | "reserved" | "funding" | "meta_cost" | "markup" | "adjustments";
                                    /** @description decimal string, e.g. 12.500000 */
                                    amount: string;
                                    /** @description integer micro-units (1 unit = 1,000,000) */
                                    amountMicros: number;
                                }[];
                                messageId: string | null;
                                reason: string | null;
                                reference: string | null;
                            }[];
                            nextCursor: string | null;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/billing/rate-cards": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Imported rate cards (versions, effective dates, sources) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: {
                                currency: string;
                                /** Format: date-time */
                                effectiveFrom: string;
                                /** Format: uuid */
                                id: string;
                                /** Format: date-time */
                                importedAt: string;
                                importedBy: string;
                                source: string;
                                version: number;
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/billing/rate-cards/{id}/rates": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A rate card's rates (micro-units), optionally for one market */
        get: {
            parameters: {
                query?: {
                    market?: string;
                };
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: {
                                /** Format: uuid */
                                cardId: string;
                                category: string;
                                market: string;
                                marketName: string;
                                /** @description decimal string, e.g. 12.500000 */
                                rate: string;
                                /** @description integer micro-units (1 unit = 1,000,000) */
                                rateMicros: number;
                                tierFrom: number;
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/billing/spend": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Charged messages of a month grouped by day, category, market, number or template */
        get: {
            parameters: {
                query?: {
                    groupBy?: "day" | "category" | "market" | "number" | "template";
                    month?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: {
                                key: string;
                                /** @description decimal string, e.g. 12.500000 */
                                markup: string;
                                messages: number;
                                /** @description decimal string, e.g. 12.500000 */
                                metaCost: string;
                                /** @description decimal string, e.g. 12.500000 */
                                total: string;
                                /** @description integer micro-units (1 unit = 1,000,000) */
                                totalMicros: number;
                            }[];
                            groupBy: string;
                            month: string;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/billing/statements/{month}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The monthly statement: Meta's cost, markup and total per charged message (JSON, CSV or PDF) */
        get: {
            parameters: {
                query?: {
                    format?: "json" | "csv" | "pdf";
                };
                header?: never;
                path: {
                    month: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            currency: string;
                            lines: {
                                category: string;
                                date: string;
                                market: string;
                                /** @description integer micro-units (1 unit = 1,000,000) */
                                markup: number;
                                /** Format: uuid */
                                messageId: string;
                                /** @description integer micro-units (1 unit = 1,000,000) */
                                metaCost: number;
                            }[];
                            month: string;
                            totals: {
                                /** @description integer micro-units (1 unit = 1,000,000) */
                                markup: number;
                                messages: number;
                                /** @description integer micro-units (1 unit = 1,000,000) */
                                metaCost: number;
                                /** @description integer micro-units (1 unit = 1,000,000) */
                                total: number;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/billing/wallet": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The tenant's prepaid balance, credit limit and low-balance threshold */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /**
                             * @description no wallet: the tenant is not billed
                             * @enum {boolean}
                             */
                            enforced: false;
                        } | {
                            authInternational: boolean;
                            /** @description decimal string, e.g. 12.500000 */
                            balance: string;
                            /** @description integer micro-units (1 unit = 1,000,000) */
                            balanceMicros: number;
                            /** @description decimal string, e.g. 12.500000 */
                            creditLimit: string;
                            /** @description integer micro-units (1 unit = 1,000,000) */
                            creditLimitMicros: number;
                            currency: string;
                            /** @enum {boolean} */
                            enforced: true;
                            /** @description the balance is below the low-balance threshold */
                            lowBalance: boolean;
                            lowBalanceThreshold: string | null;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/bots/capabilities": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Which providers the bots can use here: transcription (OpenAI-compatible endpoint, pocketsphinx), voice synthesis (espeak-ng + ffmpeg Opus), the LLM */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/bots/flows": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Bot flows */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        /** Create a bot flow (draft) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description the draft; published only by POST .../publish */
                        definition?: {
                            edges: {
                                from: string;
                                to: string;
                                when?: string;
                            }[];
                            nodes: ({
                                id: string;
                                label?: string;
                                message: {
                                    /** @enum {string} */
                                    kind: "text";
                                    text: string;
                                } | {
                                    caption?: string;
                                    /** @enum {string} */
                                    kind: "media";
                                    /** Format: uri */
                                    link: string;
                                    /** @enum {string} */
                                    mediaType: "image" | "video" | "audio" | "document";
                                } | {
                                    buttons: {
                                        id: string;
                                        title: string;
                                    }[];
                                    /** @enum {string} */
                                    kind: "buttons";
                                    text: string;
                                } | {
                                    button: string;
                                    /** @enum {string} */
                                    kind: "list";
                                    rows: {
                                        description?: string;
                                        id: string;
                                        title: string;
                                    }[];
                                    text: string;
                                } | {
                                    /** @enum {string} */
                                    kind: "template";
                                    language: string;
                                    name: string;
                                    parameters?: {
                                        body?: string[] | {
                                            [key: string]: string;
                                        };
                                        buttons?: {
                                            index: number;
                                            text?: string;
                                        }[];
                                        header?: {
                                            document?: {
                                                filename?: string;
                                                id?: string;
                                                link?: string;
                                            };
                                            image?: {
                                                id?: string;
                                                link?: string;
                                            };
                                            location?: {
                                                address?: string;
                                                latitude: number;
                                                longitude: number;
                                                name?: string;
                                            };
                                            text?: string;
                                            video?: {
                                                id?: string;
                                                link?: string;
                                            };
                                        };
                                    };
                                };
                                position?: {
                                    x: number;
                                    y: number;
                                };
                                /** @enum {string} */
                                type: "send";
                            } | {
                                attribute: string;
                                choices?: {
                                    id: string;
                                    keywords?: string[];
                                    title: string;
                                }[];
                                id: string;
                                /** @enum {string} */
                                input: "text" | "number" | "email" | "date" | "choice";
                                label?: string;
                                position?: {
                                    x: number;
                                    y: number;
                                };
                                prompt: string;
                                reminder?: string;
                                /** @default 2 */
                                retries?: number;
                                retryPrompt?: string;
                                /**
                                 * @default close
                                 * @enum {string}
                                 */
                                timeoutAction?: "remind" | "close";
                                timeoutMinutes?: number;
                                /** @enum {string} */
                                type: "ask";
                            } | {
                                attribute: string;
                                id: string;
                                label?: string;
                                position?: {
                                    x: number;
                                    y: number;
                                };
                                /** @default true */
                                saveToContact?: boolean;
                                /** @enum {string} */
                                type: "set_attribute";
                                value: string;
                            } | {
                                id: string;
                                label?: string;
                                /**
                                 * @default all
                                 * @enum {string}
                                 */
                                match?: "all" | "any";
                                position?: {
                                    x: number;
                                    y: number;
                                };
                                rules: ({
                                    attribute: string;
                                    /** @enum {string} */
                                    kind: "attribute";
                                    /** @enum {string} */
                                    op: "eq" | "neq" | "contains" | "gt" | "gte" | "lt" | "lte" | "exists";
                                    value?: string | number;
                                } | {
                                    from: string;
                                    /** @enum {string} */
                                    kind: "time";
                                    timezone: string;
                                    to: string;
                                    weekdays?: number[];
                                })[];
                                /** @enum {string} */
                                type: "condition";
                            } | {
                                body?: {
                                    [key: string]: string;
                                };
                                id: string;
                                label?: string;
                                /** @default {} */
                                map?: {
                                    [key: string]: string;
                                };
                                /**
                                 * @default POST
                                 * @enum {string}
                                 */
                                method?: "GET" | "POST";
                                position?: {
                                    x: number;
                                    y: number;
                                };
                                secret?: string;
                                /** @default 5000 */
                                timeoutMs?: number;
                                /** @enum {string} */
                                type: "http";
                                /** Format: uri */
                                url: string;
                            } | {
                                /** @default intent */
                                attribute?: string;
                                id: string;
                                intents: {
                                    description: string;
                                    name: string;
                                }[];
                                label?: string;
                                position?: {
                                    x: number;
                                    y: number;
                                };
                                /** @enum {string} */
                                type: "classify";
                            } | {
                                /** @default answer */
                                attribute?: string;
                                id: string;
                                instructions?: string;
                                label?: string;
                                position?: {
                                    x: number;
                                    y: number;
                                };
                                /** @enum {string} */
                                type: "answer";
                            } | {
                                /** Format: uuid */
                                assigneeId?: string;
                                id: string;
                                label?: string;
                                message?: string;
                                note?: string;
                                position?: {
                                    x: number;
                                    y: number;
                                };
                                /** Format: uuid */
                                teamId?: string;
                                /** @enum {string} */
                                type: "handover";
                            } | {
                                id: string;
                                label?: string;
                                message?: string;
                                position?: {
                                    x: number;
                                    y: number;
                                };
                                /** @enum {string} */
                                type: "end";
                            })[];
                            start: string;
                            voice?: {
                                /**
                                 * @default mirror
                                 * @enum {string}
                                 */
                                replies?: "off" | "mirror" | "always";
                                /** @default en */
                                voice?: string;
                            };
                        };
                        /** @description the number's default bot: answers what no trigger takes */
                        isDefault?: boolean;
                        name: string;
                        /** @description Charla or Meta id; null: every number */
                        phoneNumberId?: string | null;
                        triggers?: {
                            /** @default [] */
                            buttonIds?: string[];
                            /** @default false */
                            campaignReply?: boolean;
                            /** @default false */
                            firstContact?: boolean;
                            /** @default [] */
                            keywords?: string[];
                            /** @default [] */
                            patterns?: string[];
                        };
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/bots/flows/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A bot flow: draft, triggers, published version */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Save a flow's draft and settings */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description the draft; published only by POST .../publish */
                        definition?: {
                            edges: {
                                from: string;
                                to: string;
                                when?: string;
                            }[];
                            nodes: ({
                                id: string;
                                label?: string;
                                message: {
                                    /** @enum {string} */
                                    kind: "text";
                                    text: string;
                                } | {
                                    caption?: string;
                                    /** @enum {string} */
                                    kind: "media";
                                    /** Format: uri */
                                    link: string;
                                    /** @enum {string} */
                                    mediaType: "image" | "video" | "audio" | "document";
                                } | {
                                    buttons: {
                                        id: string;
                                        title: string;
                                    }[];
                                    /** @enum {string} */
                                    kind: "buttons";
                                    text: string;
                                } | {
                                    button: string;
                                    /** @enum {string} */
                                    kind: "list";
                                    rows: {
                                        description?: string;
                                        id: string;
                                        title: string;
                                    }[];
                                    text: string;
                                } | {
                                    /** @enum {string} */
                                    kind: "template";
                                    language: string;
                                    name: string;
                                    parameters?: {
                                        body?: string[] | {
                                            [key: string]: string;
                                        };
                                        buttons?: {
                                            index: number;
                                            text?: string;
                                        }[];
                                        header?: {
                                            document?: {
                                                filename?: string;
                                                id?: string;
                                                link?: string;
                                            };
                                            image?: {
                                                id?: string;
                                                link?: string;
                                            };
                                            location?: {
                                                address?: string;
                                                latitude: number;
                                                longitude: number;
                                                name?: string;
                                            };
                                            text?: string;
                                            video?: {
                                                id?: string;
                                                link?: string;
                                            };
                                        };
                                    };
                                };
                                position?: {
                                    x: number;
                                    y: number;
                                };
                                /** @enum {string} */
                                type: "send";
                            } | {
                                attribute: string;
                                choices?: {
                                    id: string;
                                    keywords?: string[];
                                    title: string;
                                }[];
                                id: string;
                                /** @enum {string} */
                                input: "text" | "number" | "email" | "date" | "choice";
                                label?: string;
                                position?: {
                                    x: number;
                                    y: number;
                                };
                                prompt: string;
                                reminder?: string;
                                /** @default 2 */
                                retries?: number;
                                retryPrompt?: string;
                                /**
                                 * @default close
                                 * @enum {string}
                                 */
                                timeoutAction?: "remind" | "close";
                                timeoutMinutes?: number;
                                /** @enum {string} */
                                type: "ask";
                            } | {
                                attribute: string;
                                id: string;
                                label?: string;
                                position?: {
                                    x: number;
                                    y: number;
                                };
                                /** @default true */
                                saveToContact?: boolean;
                                /** @enum {string} */
                                type: "set_attribute";
                                value: string;
                            } | {
                                id: string;
                                label?: string;
                                /**
                                 * @default all
                                 * @enum {string}
                                 */
                                match?: "all" | "any";
                                position?: {
                                    x: number;
                                    y: number;
                                };
                                rules: ({
                                    attribute: string;
                                    /** @enum {string} */
                                    kind: "attribute";
                                    /** @enum {string} */
                                    op: "eq" | "neq" | "contains" | "gt" | "gte" | "lt" | "lte" | "exists";
                                    value?: string | number;
                                } | {
                                    from: string;
                                    /** @enum {string} */
                                    kind: "time";
                                    timezone: string;
                                    to: string;
                                    weekdays?: number[];
                                })[];
                                /** @enum {string} */
                                type: "condition";
                            } | {
                                body?: {
                                    [key: string]: string;
                                };
                                id: string;
                                label?: string;
                                /** @default {} */
                                map?: {
                                    [key: string]: string;
                                };
                                /**
                                 * @default POST
                                 * @enum {string}
                                 */
                                method?: "GET" | "POST";
                                position?: {
                                    x: number;
                                    y: number;
                                };
                                secret?: string;
                                /** @default 5000 */
                                timeoutMs?: number;
                                /** @enum {string} */
                                type: "http";
                                /** Format: uri */
                                url: string;
                            } | {
                                /** @default intent */
                                attribute?: string;
                                id: string;
                                intents: {
                                    description: string;
                                    name: string;
                                }[];
                                label?: string;
                                position?: {
                                    x: number;
                                    y: number;
                                };
                                /** @enum {string} */
                                type: "classify";
                            } | {
                                /** @default answer */
                                attribute?: string;
                                id: string;
                                instructions?: string;
                                label?: string;
                                position?: {
                                    x: number;
                                    y: number;
                                };
                                /** @enum {string} */
                                type: "answer";
                            } | {
                                /** Format: uuid */
                                assigneeId?: string;
                                id: string;
                                label?: string;
                                message?: string;
                                note?: string;
                                position?: {
                                    x: number;
                                    y: number;
                                };
                                /** Format: uuid */
                                teamId?: string;
                                /** @enum {string} */
                                type: "handover";
                            } | {
                                id: string;
                                label?: string;
                                message?: string;
                                position?: {
                                    x: number;
                                    y: number;
                                };
                                /** @enum {string} */
                                type: "end";
                            })[];
                            start: string;
                            voice?: {
                                /**
                                 * @default mirror
                                 * @enum {string}
                                 */
                                replies?: "off" | "mirror" | "always";
                                /** @default en */
                                voice?: string;
                            };
                        };
                        /** @description the number's default bot: answers what no trigger takes */
                        isDefault?: boolean;
                        name?: string;
                        /** @description Charla or Meta id; null: every number */
                        phoneNumberId?: string | null;
                        triggers?: {
                            /** @default [] */
                            buttonIds?: string[];
                            /** @default false */
                            campaignReply?: boolean;
                            /** @default false */
                            firstContact?: boolean;
                            /** @default [] */
                            keywords?: string[];
                            /** @default [] */
                            patterns?: string[];
                        };
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        trace?: never;
    };
    "/v1/bots/flows/{id}/analytics": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Sessions, completions, handovers, and drop-off per node */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/bots/flows/{id}/problems": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** What keeps the draft from being published: unreachable nodes, dead ends, missing targets */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            problems: {
                                code: string;
                                message: string;
                                nodeId?: string;
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/bots/flows/{id}/publish": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Publish the draft as the next (immutable) version; 422 bot_flow_invalid lists the problems */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/bots/flows/{id}/rollback": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Run an earlier published version again (it also becomes the draft) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        version: number;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/bots/flows/{id}/simulate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Run the draft against the bot runtime without WhatsApp: the bot's replies after each message and the final state */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        attributes?: {
                            [key: string]: string;
                        };
                        messages: {
                            /** @description id of a tapped reply button or list row */
                            replyId?: string;
                            /** @default  */
                            text?: string;
                        }[];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/bots/flows/{id}/versions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Published versions, newest first */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/bots/knowledge": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Knowledge base documents */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        /** Add a document to the knowledge base (chunked and indexed for full-text search) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        content: string;
                        /**
                         * @default simple
                         * @enum {string}
                         */
                        language?: "simple" | "english" | "spanish" | "portuguese";
                        title: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/bots/knowledge/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A knowledge base document */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        /** Remove a document */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        options?: never;
        head?: never;
        /** Change a document (re-chunked and re-indexed) */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        content?: string;
                        /**
                         * @default simple
                         * @enum {string}
                         */
                        language?: "simple" | "english" | "spanish" | "portuguese";
                        title?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        trace?: never;
    };
    "/v1/bots/knowledge/search": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The chunks the answer step would give the model for a question, best first */
        get: {
            parameters: {
                query: {
                    q: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/campaigns": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The tenant's campaigns, newest first */
        get: {
            parameters: {
                query?: {
                    before?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: ({
                                clicked: number;
                                cost: string;
                                delivered: number;
                                failed: number;
                                /** Format: uuid */
                                id: string;
                                metaRetries: {
                                    [key: string]: number;
                                };
                                name: string;
                                queued: number;
                                read: number;
                                replied: number;
                                sent: number;
                                skipped: number;
                                status: string;
                            } & {
                                [key: string]: unknown;
                            })[];
                        };
                    };
                };
            };
        };
        put?: never;
        /** Create a campaign (draft): template variants with an A/B split, parameters mapped from contact fields, audience, numbers, schedule */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @default {} */
                        audience?: {
                            excludeListIds?: string[];
                            excludeSegmentIds?: string[];
                            listIds?: string[];
                            segmentIds?: string[];
                        };
                        frequencyCap?: {
                            max: number;
                            periodHours: number;
                        } | null;
                        name: string;
                        phoneNumberIds: string[];
                        /**
                         * @default {
                         *       "kind": "now",
                         *       "timezone": "UTC"
                         *     }
                         */
                        schedule?: {
                            at?: string;
                            cron?: string;
                            /**
                             * @default now
                             * @enum {string}
                             */
                            kind?: "now" | "at" | "cron";
                            quietHours?: {
                                end: string;
                                start: string;
                            } | null;
                            /** @default UTC */
                            timezone?: string;
                        };
                        variants: {
                            /** @default {} */
                            parameters?: {
                                body?: {
                                    fallback?: string;
                                    field?: string;
                                    value?: string;
                                }[] | {
                                    [key: string]: {
                                        fallback?: string;
                                        field?: string;
                                        value?: string;
                                    };
                                };
                                buttons?: {
                                    index: number;
                                    /** Format: uri */
                                    redirectUrl?: string;
                                    text?: {
                                        fallback?: string;
                                        field?: string;
                                        value?: string;
                                    };
                                }[];
                                header?: {
                                    document?: {
                                        filename?: string;
                                        id?: string;
                                        /** Format: uri */
                                        link?: string;
                                    };
                                    image?: {
                                        filename?: string;
                                        id?: string;
                                        /** Format: uri */
                                        link?: string;
                                    };
                                    text?: {
                                        fallback?: string;
                                        field?: string;
                                        value?: string;
                                    };
                                    video?: {
                                        filename?: string;
                                        id?: string;
                                        /** Format: uri */
                                        link?: string;
                                    };
                                };
                            };
                            /** Format: uuid */
                            templateId: string;
                            /** @default 1 */
                            weight?: number;
                        }[];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            clicked: number;
                            cost: string;
                            delivered: number;
                            failed: number;
                            /** Format: uuid */
                            id: string;
                            metaRetries: {
                                [key: string]: number;
                            };
                            name: string;
                            queued: number;
                            read: number;
                            replied: number;
                            sent: number;
                            skipped: number;
                            status: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/campaigns/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A campaign with its counters, failures by Meta error code, skips by reason and the remaining messaging budget */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            clicked: number;
                            cost: string;
                            delivered: number;
                            failed: number;
                            /** Format: uuid */
                            id: string;
                            metaRetries: {
                                [key: string]: number;
                            };
                            name: string;
                            queued: number;
                            read: number;
                            replied: number;
                            sent: number;
                            skipped: number;
                            status: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/campaigns/{id}/cancel": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Cancel the campaign (takes effect within a second) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            clicked: number;
                            cost: string;
                            delivered: number;
                            failed: number;
                            /** Format: uuid */
                            id: string;
                            metaRetries: {
                                [key: string]: number;
                            };
                            name: string;
                            queued: number;
                            read: number;
                            replied: number;
                            sent: number;
                            skipped: number;
                            status: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/campaigns/{id}/launch": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Launch a draft (now, at its time, or on its cron); 402 insufficient_balance when the wallet is short */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            clicked: number;
                            cost: string;
                            delivered: number;
                            failed: number;
                            /** Format: uuid */
                            id: string;
                            metaRetries: {
                                [key: string]: number;
                            };
                            name: string;
                            queued: number;
                            read: number;
                            replied: number;
                            sent: number;
                            skipped: number;
                            status: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/campaigns/{id}/pause": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Pause the campaign (takes effect within a second) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            clicked: number;
                            cost: string;
                            delivered: number;
                            failed: number;
                            /** Format: uuid */
                            id: string;
                            metaRetries: {
                                [key: string]: number;
                            };
                            name: string;
                            queued: number;
                            read: number;
                            replied: number;
                            sent: number;
                            skipped: number;
                            status: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/campaigns/{id}/preview": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Before launch: audience size, exclusions by reason, cost by market (rate card and markup), wallet and messaging budget */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/campaigns/{id}/recipients": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The campaign's recipients with their status (keyset pages over the contact id) */
        get: {
            parameters: {
                query?: {
                    cursor?: string;
                    limit?: number;
                    status?: "skipped" | "deferred" | "queued" | "sent" | "delivered" | "read" | "failed";
                };
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/campaigns/{id}/recipients.csv": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Every recipient and its status as CSV (streamed) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/campaigns/{id}/resume": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Resume the campaign (takes effect within a second) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            clicked: number;
                            cost: string;
                            delivered: number;
                            failed: number;
                            /** Format: uuid */
                            id: string;
                            metaRetries: {
                                [key: string]: number;
                            };
                            name: string;
                            queued: number;
                            read: number;
                            replied: number;
                            sent: number;
                            skipped: number;
                            status: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/canned-replies": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Canned replies, by shortcut prefix */
        get: {
            parameters: {
                query?: {
                    prefix?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: ({
                                body: string;
                                /** Format: uuid */
                                id: string;
                                shortcut: string;
                            } & {
                                [key: string]: unknown;
                            })[];
                        };
                    };
                };
            };
        };
        put?: never;
        /** A canned reply: a shortcut and a body with {{contact.name}}, {{contact.phone}}, {{contact.attributes.x}}, {{agent.name}} */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        body: string;
                        shortcut: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/canned-replies/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Delete a canned reply */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/contacts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The tenant's contacts, newest first: search by name or phone, filter by tag */
        get: {
            parameters: {
                query?: {
                    cursor?: string;
                    limit?: number;
                    q?: string;
                    tag?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: ({
                                /** Format: uuid */
                                id: string;
                                optedIn: boolean;
                                phone: string | null;
                                /** @description business-scoped user id Meta reports (2026) */
                                userId: string | null;
                                windowOpen: boolean;
                            } & {
                                [key: string]: unknown;
                            })[];
                            nextCursor: string | null;
                        };
                    };
                };
            };
        };
        put?: never;
        /** Create or update a contact by phone; optionally record an opt-in */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        attributes?: {
                            [key: string]: unknown;
                        };
                        name?: string;
                        optIn?: {
                            evidence?: {
                                [key: string]: unknown;
                            };
                            /** @description where the consent was collected: form, checkout, import... */
                            source: string;
                        };
                        phone: string;
                        tags?: string[];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: uuid */
                            id: string;
                            optedIn: boolean;
                            phone: string | null;
                            /** @description business-scoped user id Meta reports (2026) */
                            userId: string | null;
                            windowOpen: boolean;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/contacts/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A contact with consent and window state */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: uuid */
                            id: string;
                            optedIn: boolean;
                            phone: string | null;
                            /** @description business-scoped user id Meta reports (2026) */
                            userId: string | null;
                            windowOpen: boolean;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/contacts/{id}/consent": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The contact's consent history */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/contacts/{id}/opt-in": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Record an opt-in */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        evidence?: {
                            [key: string]: unknown;
                        };
                        /** @description where the consent was collected: form, checkout, import... */
                        source: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: uuid */
                            id: string;
                            optedIn: boolean;
                            phone: string | null;
                            /** @description business-scoped user id Meta reports (2026) */
                            userId: string | null;
                            windowOpen: boolean;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/contacts/{id}/opt-out": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Record an opt-out */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        evidence?: {
                            [key: string]: unknown;
                        };
                        /** @description where the consent was collected: form, checkout, import... */
                        source: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: uuid */
                            id: string;
                            optedIn: boolean;
                            phone: string | null;
                            /** @description business-scoped user id Meta reports (2026) */
                            userId: string | null;
                            windowOpen: boolean;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/conversations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Conversations (one per business number and contact), most recent message first
         * @description Filters: status, assignee (me, none, a user id), team, label, number, contact, unread, and q (full-text search over the messages of both sides). Their messages: GET /v1/messages?conversationId=…
         */
        get: {
            parameters: {
                query?: {
                    /** @description me (the signed-in agent), none (unassigned) or a user id */
                    assignee?: "me" | "none" | string;
                    contactId?: string;
                    cursor?: string;
                    label?: string;
                    limit?: number;
                    phoneNumberId?: string;
                    /** @description Full-text search over the messages, the customers' and the business's */
                    q?: string;
                    status?: "open" | "pending" | "snoozed" | "resolved";
                    teamId?: string;
                    /** @description true: only conversations with unread inbound messages */
                    unread?: "true" | "false";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: ({
                                assigneeId: string | null;
                                contact: {
                                    /** Format: uuid */
                                    id: string;
                                    name: string | null;
                                    phone: string | null;
                                    /** @description business-scoped user id (2026) */
                                    userId: string | null;
                                };
                                firstResponseAt: string | null;
                                /** Format: uuid */
                                id: string;
                                labels: string[];
                                /** Format: date-time */
                                lastMessageAt: string;
                                lastMessagePreview: string | null;
                                /** Format: uuid */
                                phoneNumberId: string;
                                resolvedAt: string | null;
                                snoozedUntil: string | null;
                                /** @enum {string} */
                                status: "open" | "pending" | "snoozed" | "resolved";
                                teamId: string | null;
                                unreadCount: number;
                                waitingSince: string | null;
                                windowExpiresAt: string | null;
                                windowOpen: boolean;
                            } & {
                                [key: string]: unknown;
                            })[];
                            nextCursor: string | null;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/conversations/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One conversation, with its assignment, status and customer service window */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            assigneeId: string | null;
                            contact: {
                                /** Format: uuid */
                                id: string;
                                name: string | null;
                                phone: string | null;
                                /** @description business-scoped user id (2026) */
                                userId: string | null;
                            };
                            firstResponseAt: string | null;
                            /** Format: uuid */
                            id: string;
                            labels: string[];
                            /** Format: date-time */
                            lastMessageAt: string;
                            lastMessagePreview: string | null;
                            /** Format: uuid */
                            phoneNumberId: string;
                            resolvedAt: string | null;
                            snoozedUntil: string | null;
                            /** @enum {string} */
                            status: "open" | "pending" | "snoozed" | "resolved";
                            teamId: string | null;
                            unreadCount: number;
                            waitingSince: string | null;
                            windowExpiresAt: string | null;
                            windowOpen: boolean;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /**
         * Move a conversation (open, pending, snoozed until a time, resolved), mark it read, label it
         * @description Every status change is audited and published (conversation.status_changed). A new inbound message opens a pending, snoozed or resolved conversation again.
         */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description Replaces the labels */
                        labels?: string[];
                        /**
                         * @description Marks it read here and the customer's messages read at Meta
                         * @enum {boolean}
                         */
                        read?: true;
                        /**
                         * Format: date-time
                         * @description With status snoozed: when it opens again
                         */
                        snoozedUntil?: string;
                        /** @enum {string} */
                        status?: "open" | "pending" | "snoozed" | "resolved";
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            assigneeId: string | null;
                            contact: {
                                /** Format: uuid */
                                id: string;
                                name: string | null;
                                phone: string | null;
                                /** @description business-scoped user id (2026) */
                                userId: string | null;
                            };
                            firstResponseAt: string | null;
                            /** Format: uuid */
                            id: string;
                            labels: string[];
                            /** Format: date-time */
                            lastMessageAt: string;
                            lastMessagePreview: string | null;
                            /** Format: uuid */
                            phoneNumberId: string;
                            resolvedAt: string | null;
                            snoozedUntil: string | null;
                            /** @enum {string} */
                            status: "open" | "pending" | "snoozed" | "resolved";
                            teamId: string | null;
                            unreadCount: number;
                            waitingSince: string | null;
                            windowExpiresAt: string | null;
                            windowOpen: boolean;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        trace?: never;
    };
    "/v1/conversations/{id}/assignment": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Assign, unassign or transfer a conversation (to an agent and/or a team, with a note)
         * @description With expectedAssigneeId the change applies only if the conversation still has that assignee; otherwise 409 conversation_assigned with `assignee` (who has it).
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description null unassigns; absent keeps the agent (team transfer) */
                        assigneeId?: string | null;
                        /** @description Apply only if the conversation still has this assignee (null: only if unassigned); else 409 */
                        expectedAssigneeId?: string | null;
                        /** @description Stored as a private note (a transfer's reason) */
                        note?: string;
                        teamId?: string | null;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            assigneeId: string | null;
                            contact: {
                                /** Format: uuid */
                                id: string;
                                name: string | null;
                                phone: string | null;
                                /** @description business-scoped user id (2026) */
                                userId: string | null;
                            };
                            firstResponseAt: string | null;
                            /** Format: uuid */
                            id: string;
                            labels: string[];
                            /** Format: date-time */
                            lastMessageAt: string;
                            lastMessagePreview: string | null;
                            /** Format: uuid */
                            phoneNumberId: string;
                            resolvedAt: string | null;
                            snoozedUntil: string | null;
                            /** @enum {string} */
                            status: "open" | "pending" | "snoozed" | "resolved";
                            teamId: string | null;
                            unreadCount: number;
                            waitingSince: string | null;
                            windowExpiresAt: string | null;
                            windowOpen: boolean;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            assignee: unknown;
                            code: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/conversations/{id}/canned-replies/{shortcut}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A canned reply filled in for this conversation's contact and the signed-in agent */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                    shortcut: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            shortcut: string;
                            text: string;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/conversations/{id}/composer": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** What the composer may send: free text while the window is open; else when it closed and the approved templates */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            templates: {
                                category: string;
                                definition: unknown;
                                /** Format: uuid */
                                id: string;
                                language: string;
                                name: string;
                            }[];
                            windowClosedAt?: string | null;
                            windowExpiresAt?: string | null;
                            windowOpen: boolean;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/conversations/{id}/contact-panel": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The contact: attributes, tags, consent state, earlier conversations */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            contact: {
                                attributes: {
                                    [key: string]: unknown;
                                };
                                /** Format: uuid */
                                id: string;
                                lastInboundAt: string | null;
                                name: string | null;
                                optedInAt: string | null;
                                optedOutAt: string | null;
                                phone: string | null;
                                tags: string[];
                                userId: string | null;
                            } & {
                                [key: string]: unknown;
                            };
                            conversations: ({
                                assigneeId: string | null;
                                contact: {
                                    /** Format: uuid */
                                    id: string;
                                    name: string | null;
                                    phone: string | null;
                                    /** @description business-scoped user id (2026) */
                                    userId: string | null;
                                };
                                firstResponseAt: string | null;
                                /** Format: uuid */
                                id: string;
                                labels: string[];
                                /** Format: date-time */
                                lastMessageAt: string;
                                lastMessagePreview: string | null;
                                /** Format: uuid */
                                phoneNumberId: string;
                                resolvedAt: string | null;
                                snoozedUntil: string | null;
                                /** @enum {string} */
                                status: "open" | "pending" | "snoozed" | "resolved";
                                teamId: string | null;
                                unreadCount: number;
                                waitingSince: string | null;
                                windowExpiresAt: string | null;
                                windowOpen: boolean;
                            } & {
                                [key: string]: unknown;
                            })[];
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/conversations/{id}/media": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Upload a file to send in this conversation (the raw file as the body, its type as Content-Type)
         * @description Answers Meta's media id and the message type to send it as: POST /v1/messages with { type, [type]: { id } }. Types and sizes as WhatsApp takes them.
         */
        post: {
            parameters: {
                query?: {
                    filename?: string;
                };
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            filename: string | null;
                            mediaId: string;
                            mimeType: string;
                            /** @enum {string} */
                            type: "image" | "video" | "audio" | "document" | "sticker";
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/conversations/{id}/notes": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Private notes */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: ({
                                author: string;
                                authorUserId: string | null;
                                body: string;
                                /** Format: uuid */
                                conversationId: string;
                                /** Format: date-time */
                                createdAt: string;
                                /** Format: uuid */
                                id: string;
                                mentions: string[];
                            } & {
                                [key: string]: unknown;
                            })[];
                        };
                    };
                };
            };
        };
        put?: never;
        /** A private note; @email or @name-before-the-at mentions (or `mentions` ids) notify those users */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        body: string;
                        mentions?: string[];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            author: string;
                            authorUserId: string | null;
                            body: string;
                            /** Format: uuid */
                            conversationId: string;
                            /** Format: date-time */
                            createdAt: string;
                            /** Format: uuid */
                            id: string;
                            mentions: string[];
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/conversations/{id}/take": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** The signed-in agent takes an unassigned conversation (409 naming who has it, if someone was faster) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            assigneeId: string | null;
                            contact: {
                                /** Format: uuid */
                                id: string;
                                name: string | null;
                                phone: string | null;
                                /** @description business-scoped user id (2026) */
                                userId: string | null;
                            };
                            firstResponseAt: string | null;
                            /** Format: uuid */
                            id: string;
                            labels: string[];
                            /** Format: date-time */
                            lastMessageAt: string;
                            lastMessagePreview: string | null;
                            /** Format: uuid */
                            phoneNumberId: string;
                            resolvedAt: string | null;
                            snoozedUntil: string | null;
                            /** @enum {string} */
                            status: "open" | "pending" | "snoozed" | "resolved";
                            teamId: string | null;
                            unreadCount: number;
                            waitingSince: string | null;
                            windowExpiresAt: string | null;
                            windowOpen: boolean;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            assignee: unknown;
                            code: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/conversations/{id}/typing": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Show the customer Meta's typing indicator (also marks their last message read; Meta drops it after 25 s or on the reply) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/csat/results": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Customer satisfaction per agent and per team: surveys sent, answered, average score (1-3), share of top scores */
        get: {
            parameters: {
                query?: {
                    /** @description default: 30 days ago */
                    since?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/csat/settings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The template that asks for a rating when the customer service window has closed */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            template: {
                                language: string;
                                name: string;
                            } | null;
                        };
                    };
                };
            };
        };
        /**
         * Choose the template asked outside the window (null: surveys then are skipped)
         * @description An approved template with three quick-reply buttons (good, fair, bad, in that order) and no header or body variables; its buttons carry the answers as payloads. Inside the window the team's question goes as reply buttons.
         */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        template: {
                            language: string;
                            name: string;
                        } | null;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            template: {
                                language: string;
                                name: string;
                            } | null;
                        };
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/display-names/check": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Pre-check a display name against Meta's display-name rules; each finding explained */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        displayName: string;
                        legalName?: string;
                        website?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/events/stream": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Server-Sent Events: the tenant's messages, statuses, conversations, assignments, notes, presence
         * @description text/event-stream; each event has an id (send it back as the Last-Event-ID header, or ?lastEventId=, to resume without losing any), a type, and JSON data { id, type, createdAt, data }. Signed-in agents also get the events meant for them (mentions, assignments to them). An unknown or expired id is answered with an `event: reset` (reload the state, then go on live).
         */
        get: {
            parameters: {
                query?: {
                    lastEventId?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/imports": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The tenant's imports, newest first */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: ({
                                bytesDone: number;
                                byteSize: number;
                                columns: string[];
                                created: number;
                                error: string | null;
                                failed: number;
                                fileName: string;
                                /** Format: uuid */
                                id: string;
                                mapping: {
                                    attributes?: {
                                        [key: string]: string;
                                    };
                                    /** @description a header of the CSV file */
                                    language?: string;
                                    /** @description a header of the CSV file */
                                    name?: string;
                                    /** @description a header of the CSV file */
                                    optInDate?: string;
                                    /** @description a header of the CSV file */
                                    optInSource?: string;
                                    /** @description a header of the CSV file */
                                    phone: string;
                                    /** @description a header of the CSV file */
                                    tags?: string;
                                } | null;
                                rowsDone: number;
                                /** @enum {string} */
                                status: "uploaded" | "running" | "completed" | "failed";
                                updated: number;
                            } & {
                                [key: string]: unknown;
                            })[];
                        };
                    };
                };
            };
        };
        put?: never;
        /** Upload a contacts CSV (the raw file as the body, text/csv); answers its columns and first rows for the mapping */
        post: {
            parameters: {
                query?: {
                    fileName?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            bytesDone: number;
                            byteSize: number;
                            columns: string[];
                            created: number;
                            error: string | null;
                            failed: number;
                            fileName: string;
                            /** Format: uuid */
                            id: string;
                            mapping: {
                                attributes?: {
                                    [key: string]: string;
                                };
                                /** @description a header of the CSV file */
                                language?: string;
                                /** @description a header of the CSV file */
                                name?: string;
                                /** @description a header of the CSV file */
                                optInDate?: string;
                                /** @description a header of the CSV file */
                                optInSource?: string;
                                /** @description a header of the CSV file */
                                phone: string;
                                /** @description a header of the CSV file */
                                tags?: string;
                            } | null;
                            rowsDone: number;
                            sample: string[][];
                            /** @enum {string} */
                            status: "uploaded" | "running" | "completed" | "failed";
                            updated: number;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/imports/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** An import and its progress */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            bytesDone: number;
                            byteSize: number;
                            columns: string[];
                            created: number;
                            error: string | null;
                            failed: number;
                            fileName: string;
                            /** Format: uuid */
                            id: string;
                            mapping: {
                                attributes?: {
                                    [key: string]: string;
                                };
                                /** @description a header of the CSV file */
                                language?: string;
                                /** @description a header of the CSV file */
                                name?: string;
                                /** @description a header of the CSV file */
                                optInDate?: string;
                                /** @description a header of the CSV file */
                                optInSource?: string;
                                /** @description a header of the CSV file */
                                phone: string;
                                /** @description a header of the CSV file */
                                tags?: string;
                            } | null;
                            rowsDone: number;
                            /** @enum {string} */
                            status: "uploaded" | "running" | "completed" | "failed";
                            updated: number;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/imports/{id}/errors.csv": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The refused rows as CSV: line, reason, then the row as read */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/imports/{id}/start": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Map the columns and start the import (a failed one resumes where it stopped) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description ISO country for numbers written without their country code */
                        defaultCountry?: string;
                        /**
                         * Format: uuid
                         * @description add every imported contact to this static list
                         */
                        listId?: string;
                        mapping: {
                            attributes?: {
                                [key: string]: string;
                            };
                            /** @description a header of the CSV file */
                            language?: string;
                            /** @description a header of the CSV file */
                            name?: string;
                            /** @description a header of the CSV file */
                            optInDate?: string;
                            /** @description a header of the CSV file */
                            optInSource?: string;
                            /** @description a header of the CSV file */
                            phone: string;
                            /** @description a header of the CSV file */
                            tags?: string;
                        };
                        optIn?: {
                            date: string;
                            /** @description how the consent was collected: form, URL, terms version... */
                            evidence: string;
                            source: string;
                        };
                    };
                };
            };
            responses: {
                /** @description Default Response */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            bytesDone: number;
                            byteSize: number;
                            columns: string[];
                            created: number;
                            error: string | null;
                            failed: number;
                            fileName: string;
                            /** Format: uuid */
                            id: string;
                            mapping: {
                                attributes?: {
                                    [key: string]: string;
                                };
                                /** @description a header of the CSV file */
                                language?: string;
                                /** @description a header of the CSV file */
                                name?: string;
                                /** @description a header of the CSV file */
                                optInDate?: string;
                                /** @description a header of the CSV file */
                                optInSource?: string;
                                /** @description a header of the CSV file */
                                phone: string;
                                /** @description a header of the CSV file */
                                tags?: string;
                            } | null;
                            rowsDone: number;
                            /** @enum {string} */
                            status: "uploaded" | "running" | "completed" | "failed";
                            updated: number;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/lists": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The tenant's static lists */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: ({
                                /** Format: uuid */
                                id: string;
                                memberCount: number;
                                name: string;
                            } & {
                                [key: string]: unknown;
                            })[];
                        };
                    };
                };
            };
        };
        put?: never;
        /** Create a static list */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        name: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: uuid */
                            id: string;
                            memberCount: number;
                            name: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/lists/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A static list */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: uuid */
                            id: string;
                            memberCount: number;
                            name: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        /** Delete a static list (not its contacts) */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/lists/{id}/members": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A page of a list's members */
        get: {
            parameters: {
                query?: {
                    limit?: number;
                    offset?: number;
                };
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        /** Add contacts to a list; ids that are not the tenant's contacts are counted as unknown */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        contactIds: string[];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            added: number;
                            unknown: number;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/lists/{id}/members/remove": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Remove contacts from a list */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        contactIds: string[];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            removed: number;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/media/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Download media a contact sent (kept by Charla, since Meta's media URLs expire) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/messages": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Messages, newest first, with filters and cursor pagination */
        get: {
            parameters: {
                query?: {
                    contactId?: string;
                    conversationId?: string;
                    cursor?: string;
                    direction?: "outbound" | "inbound";
                    limit?: number;
                    status?: "queued" | "dispatching" | "accepted" | "sent" | "delivered" | "read" | "failed" | "received";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: ({
                                /** Format: uuid */
                                contactId: string;
                                /** Format: date-time */
                                createdAt: string;
                                /** @enum {string} */
                                direction: "outbound" | "inbound";
                                /** Format: uuid */
                                id: string;
                                /** Format: uuid */
                                phoneNumberId: string;
                                /** @enum {string} */
                                status: "queued" | "dispatching" | "accepted" | "sent" | "delivered" | "read" | "failed" | "received";
                                type: string;
                                wamid: string | null;
                            } & {
                                [key: string]: unknown;
                            })[];
                            nextCursor: string | null;
                        };
                    };
                };
            };
        };
        put?: never;
        /**
         * Send a message (text, media, location, contacts, reaction, interactive or template)
         * @description Checked at once (consent, 24-hour window, template approved with complete parameters), stored and queued; answers 202 with Charla's message id. Statuses follow by webhook and GET /v1/messages/{id}.
         */
        post: {
            parameters: {
                query?: never;
                header?: {
                    "idempotency-key"?: string;
                };
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description sending phone number: Charla id or Meta phone number id; default the first */
                        from?: string;
                        /** @description wamid of the message this replies to */
                        replyTo?: string;
                        text: {
                            body: string;
                            preview_url?: boolean;
                        };
                        /** @description recipient phone number (E.164 preferred), or the business-scoped user id of a contact without one */
                        to: string;
                        /** @enum {string} */
                        type: "text";
                    } | {
                        /** @description sending phone number: Charla id or Meta phone number id; default the first */
                        from?: string;
                        image: {
                            caption?: string;
                            filename?: string;
                            id?: string;
                            /** Format: uri */
                            link?: string;
                        };
                        /** @description wamid of the message this replies to */
                        replyTo?: string;
                        /** @description recipient phone number (E.164 preferred), or the business-scoped user id of a contact without one */
                        to: string;
                        /** @enum {string} */
                        type: "image";
                    } | {
                        document: {
                            caption?: string;
                            filename?: string;
                            id?: string;
                            /** Format: uri */
                            link?: string;
                        };
                        /** @description sending phone number: Charla id or Meta phone number id; default the first */
                        from?: string;
                        /** @description wamid of the message this replies to */
                        replyTo?: string;
                        /** @description recipient phone number (E.164 preferred), or the business-scoped user id of a contact without one */
                        to: string;
                        /** @enum {string} */
                        type: "document";
                    } | {
                        audio: {
                            caption?: string;
                            filename?: string;
                            id?: string;
                            /** Format: uri */
                            link?: string;
                        };
                        /** @description sending phone number: Charla id or Meta phone number id; default the first */
                        from?: string;
                        /** @description wamid of the message this replies to */
                        replyTo?: string;
                        /** @description recipient phone number (E.164 preferred), or the business-scoped user id of a contact without one */
                        to: string;
                        /** @enum {string} */
                        type: "audio";
                    } | {
                        /** @description sending phone number: Charla id or Meta phone number id; default the first */
                        from?: string;
                        /** @description wamid of the message this replies to */
                        replyTo?: string;
                        /** @description recipient phone number (E.164 preferred), or the business-scoped user id of a contact without one */
                        to: string;
                        /** @enum {string} */
                        type: "video";
                        video: {
                            caption?: string;
                            filename?: string;
                            id?: string;
                            /** Format: uri */
                            link?: string;
                        };
                    } | {
                        /** @description sending phone number: Charla id or Meta phone number id; default the first */
                        from?: string;
                        /** @description wamid of the message this replies to */
                        replyTo?: string;
                        sticker: {
                            caption?: string;
                            filename?: string;
                            id?: string;
                            /** Format: uri */
                            link?: string;
                        };
                        /** @description recipient phone number (E.164 preferred), or the business-scoped user id of a contact without one */
                        to: string;
                        /** @enum {string} */
                        type: "sticker";
                    } | {
                        /** @description sending phone number: Charla id or Meta phone number id; default the first */
                        from?: string;
                        location: {
                            address?: string;
                            latitude: number;
                            longitude: number;
                            name?: string;
                        };
                        /** @description wamid of the message this replies to */
                        replyTo?: string;
                        /** @description recipient phone number (E.164 preferred), or the business-scoped user id of a contact without one */
                        to: string;
                        /** @enum {string} */
                        type: "location";
                    } | {
                        contacts: ({
                            name: {
                                formatted_name: string;
                            } & {
                                [key: string]: unknown;
                            };
                            phones?: ({
                                phone?: string;
                                wa_id?: string;
                            } & {
                                [key: string]: unknown;
                            })[];
                        } & {
                            [key: string]: unknown;
                        })[];
                        /** @description sending phone number: Charla id or Meta phone number id; default the first */
                        from?: string;
                        /** @description wamid of the message this replies to */
                        replyTo?: string;
                        /** @description recipient phone number (E.164 preferred), or the business-scoped user id of a contact without one */
                        to: string;
                        /** @enum {string} */
                        type: "contacts";
                    } | {
                        /** @description sending phone number: Charla id or Meta phone number id; default the first */
                        from?: string;
                        reaction: {
                            emoji: string;
                            message_id: string;
                        };
                        /** @description wamid of the message this replies to */
                        replyTo?: string;
                        /** @description recipient phone number (E.164 preferred), or the business-scoped user id of a contact without one */
                        to: string;
                        /** @enum {string} */
                        type: "reaction";
                    } | {
                        /** @description sending phone number: Charla id or Meta phone number id; default the first */
                        from?: string;
                        interactive: {
                            action: {
                                buttons: {
                                    reply: {
                                        id: string;
                                        title: string;
                                    };
                                    /** @enum {string} */
                                    type: "reply";
                                }[];
                            };
                            body: {
                                text: string;
                            };
                            footer?: {
                                text: string;
                            };
                            header?: {
                                text: string;
                                /** @enum {string} */
                                type: "text";
                            } | {
                                image: {
                                    caption?: string;
                                    filename?: string;
                                    id?: string;
                                    /** Format: uri */
                                    link?: string;
                                };
                                /** @enum {string} */
                                type: "image";
                            } | {
                                /** @enum {string} */
                                type: "video";
                                video: {
                                    caption?: string;
                                    filename?: string;
                                    id?: string;
                                    /** Format: uri */
                                    link?: string;
                                };
                            } | {
                                document: {
                                    caption?: string;
                                    filename?: string;
                                    id?: string;
                                    /** Format: uri */
                                    link?: string;
                                };
                                /** @enum {string} */
                                type: "document";
                            };
                            /** @enum {string} */
                            type: "button";
                        } | {
                            action: {
                                button: string;
                                sections: {
                                    rows: {
                                        description?: string;
                                        id: string;
                                        title: string;
                                    }[];
                                    title?: string;
                                }[];
                            };
                            body: {
                                text: string;
                            };
                            footer?: {
                                text: string;
                            };
                            header?: {
                                text: string;
                                /** @enum {string} */
                                type: "text";
                            };
                            /** @enum {string} */
                            type: "list";
                        } | {
                            action: {
                                /** @enum {string} */
                                name: "cta_url";
                                parameters: {
                                    display_text: string;
                                    /** Format: uri */
                                    url: string;
                                };
                            };
                            body: {
                                text: string;
                            };
                            footer?: {
                                text: string;
                            };
                            header?: {
                                text: string;
                                /** @enum {string} */
                                type: "text";
                            } | {
                                image: {
                                    caption?: string;
                                    filename?: string;
                                    id?: string;
                                    /** Format: uri */
                                    link?: string;
                                };
                                /** @enum {string} */
                                type: "image";
                            } | {
                                /** @enum {string} */
                                type: "video";
                                video: {
                                    caption?: string;
                                    filename?: string;
                                    id?: string;
                                    /** Format: uri */
                                    link?: string;
                                };
                            } | {
                                document: {
                                    caption?: string;
                                    filename?: string;
                                    id?: string;
                                    /** Format: uri */
                                    link?: string;
                                };
                                /** @enum {string} */
                                type: "document";
                            };
                            /** @enum {string} */
                            type: "cta_url";
                        };
                        /** @description wamid of the message this replies to */
                        replyTo?: string;
                        /** @description recipient phone number (E.164 preferred), or the business-scoped user id of a contact without one */
                        to: string;
                        /** @enum {string} */
                        type: "interactive";
                    } | {
                        /** @description sending phone number: Charla id or Meta phone number id; default the first */
                        from?: string;
                        /** @description wamid of the message this replies to */
                        replyTo?: string;
                        template: {
                            language: string;
                            name: string;
                            parameters?: {
                                body?: string[] | {
                                    [key: string]: string;
                                };
                                buttons?: {
                                    index: number;
                                    text?: string;
                                }[];
                                header?: {
                                    document?: {
                                        filename?: string;
                                        id?: string;
                                        link?: string;
                                    };
                                    image?: {
                                        id?: string;
                                        link?: string;
                                    };
                                    location?: {
                                        address?: string;
                                        latitude: number;
                                        longitude: number;
                                        name?: string;
                                    };
                                    text?: string;
                                    video?: {
                                        id?: string;
                                        link?: string;
                                    };
                                };
                            };
                        };
                        /** @description recipient phone number (E.164 preferred), or the business-scoped user id of a contact without one */
                        to: string;
                        /** @enum {string} */
                        type: "template";
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: uuid */
                            contactId: string;
                            /** Format: date-time */
                            createdAt: string;
                            /** @enum {string} */
                            direction: "outbound" | "inbound";
                            /** Format: uuid */
                            id: string;
                            /** Format: uuid */
                            phoneNumberId: string;
                            /** @enum {string} */
                            status: "queued" | "dispatching" | "accepted" | "sent" | "delivered" | "read" | "failed" | "received";
                            type: string;
                            wamid: string | null;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: uuid */
                            contactId: string;
                            /** Format: date-time */
                            createdAt: string;
                            /** @enum {string} */
                            direction: "outbound" | "inbound";
                            /** Format: uuid */
                            id: string;
                            /** Format: uuid */
                            phoneNumberId: string;
                            /** @enum {string} */
                            status: "queued" | "dispatching" | "accepted" | "sent" | "delivered" | "read" | "failed" | "received";
                            type: string;
                            wamid: string | null;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/messages/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One message with its current status */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: uuid */
                            contactId: string;
                            /** Format: date-time */
                            createdAt: string;
                            /** @enum {string} */
                            direction: "outbound" | "inbound";
                            /** Format: uuid */
                            id: string;
                            /** Format: uuid */
                            phoneNumberId: string;
                            /** @enum {string} */
                            status: "queued" | "dispatching" | "accepted" | "sent" | "delivered" | "read" | "failed" | "received";
                            type: string;
                            wamid: string | null;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/messages/batch": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Send up to 1000 messages in one request, each answered on its own
         * @description Each item is a POST /v1/messages body with, optionally, its own idempotencyKey, and is checked by the same rules. The answer has one result per item, in order: 202 with the message when stored, 200 when its key replays an earlier message, otherwise the item's own problem (400 invalid, 422 refused...). The stored messages are committed with their dispatch jobs in one transaction.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        messages: (({
                            /** @description sending phone number: Charla id or Meta phone number id; default the first */
                            from?: string;
                            /** @description wamid of the message this replies to */
                            replyTo?: string;
                            text: {
                                body: string;
                                preview_url?: boolean;
                            };
                            /** @description recipient phone number (E.164 preferred), or the business-scoped user id of a contact without one */
                            to: string;
                            /** @enum {string} */
                            type: "text";
                        } | {
                            /** @description sending phone number: Charla id or Meta phone number id; default the first */
                            from?: string;
                            image: {
                                caption?: string;
                                filename?: string;
                                id?: string;
                                /** Format: uri */
                                link?: string;
                            };
                            /** @description wamid of the message this replies to */
                            replyTo?: string;
                            /** @description recipient phone number (E.164 preferred), or the business-scoped user id of a contact without one */
                            to: string;
                            /** @enum {string} */
                            type: "image";
                        } | {
                            document: {
                                caption?: string;
                                filename?: string;
                                id?: string;
                                /** Format: uri */
                                link?: string;
                            };
                            /** @description sending phone number: Charla id or Meta phone number id; default the first */
                            from?: string;
                            /** @description wamid of the message this replies to */
                            replyTo?: string;
                            /** @description recipient phone number (E.164 preferred), or the business-scoped user id of a contact without one */
                            to: string;
                            /** @enum {string} */
                            type: "document";
                        } | {
                            audio: {
                                caption?: string;
                                filename?: string;
                                id?: string;
                                /** Format: uri */
                                link?: string;
                            };
                            /** @description sending phone number: Charla id or Meta phone number id; default the first */
                            from?: string;
                            /** @description wamid of the message this replies to */
                            replyTo?: string;
                            /** @description recipient phone number (E.164 preferred), or the business-scoped user id of a contact without one */
                            to: string;
                            /** @enum {string} */
                            type: "audio";
                        } | {
                            /** @description sending phone number: Charla id or Meta phone number id; default the first */
                            from?: string;
                            /** @description wamid of the message this replies to */
                            replyTo?: string;
                            /** @description recipient phone number (E.164 preferred), or the business-scoped user id of a contact without one */
                            to: string;
                            /** @enum {string} */
                            type: "video";
                            video: {
                                caption?: string;
                                filename?: string;
                                id?: string;
                                /** Format: uri */
                                link?: string;
                            };
                        } | {
                            /** @description sending phone number: Charla id or Meta phone number id; default the first */
                            from?: string;
                            /** @description wamid of the message this replies to */
                            replyTo?: string;
                            sticker: {
                                caption?: string;
                                filename?: string;
                                id?: string;
                                /** Format: uri */
                                link?: string;
                            };
                            /** @description recipient phone number (E.164 preferred), or the business-scoped user id of a contact without one */
                            to: string;
                            /** @enum {string} */
                            type: "sticker";
                        } | {
                            /** @description sending phone number: Charla id or Meta phone number id; default the first */
                            from?: string;
                            location: {
                                address?: string;
                                latitude: number;
                                longitude: number;
                                name?: string;
                            };
                            /** @description wamid of the message this replies to */
                            replyTo?: string;
                            /** @description recipient phone number (E.164 preferred), or the business-scoped user id of a contact without one */
                            to: string;
                            /** @enum {string} */
                            type: "location";
                        } | {
                            contacts: ({
                                name: {
                                    formatted_name: string;
                                } & {
                                    [key: string]: unknown;
                                };
                                phones?: ({
                                    phone?: string;
                                    wa_id?: string;
                                } & {
                                    [key: string]: unknown;
                                })[];
                            } & {
                                [key: string]: unknown;
                            })[];
                            /** @description sending phone number: Charla id or Meta phone number id; default the first */
                            from?: string;
                            /** @description wamid of the message this replies to */
                            replyTo?: string;
                            /** @description recipient phone number (E.164 preferred), or the business-scoped user id of a contact without one */
                            to: string;
                            /** @enum {string} */
                            type: "contacts";
                        } | {
                            /** @description sending phone number: Charla id or Meta phone number id; default the first */
                            from?: string;
                            reaction: {
                                emoji: string;
                                message_id: string;
                            };
                            /** @description wamid of the message this replies to */
                            replyTo?: string;
                            /** @description recipient phone number (E.164 preferred), or the business-scoped user id of a contact without one */
                            to: string;
                            /** @enum {string} */
                            type: "reaction";
                        } | {
                            /** @description sending phone number: Charla id or Meta phone number id; default the first */
                            from?: string;
                            interactive: {
                                action: {
                                    buttons: {
                                        reply: {
                                            id: string;
                                            title: string;
                                        };
                                        /** @enum {string} */
                                        type: "reply";
                                    }[];
                                };
                                body: {
                                    text: string;
                                };
                                footer?: {
                                    text: string;
                                };
                                header?: {
                                    text: string;
                                    /** @enum {string} */
                                    type: "text";
                                } | {
                                    image: {
                                        caption?: string;
                                        filename?: string;
                                        id?: string;
                                        /** Format: uri */
                                        link?: string;
                                    };
                                    /** @enum {string} */
                                    type: "image";
                                } | {
                                    /** @enum {string} */
                                    type: "video";
                                    video: {
                                        caption?: string;
                                        filename?: string;
                                        id?: string;
                                        /** Format: uri */
                                        link?: string;
                                    };
                                } | {
                                    document: {
                                        caption?: string;
                                        filename?: string;
                                        id?: string;
                                        /** Format: uri */
                                        link?: string;
                                    };
                                    /** @enum {string} */
                                    type: "document";
                                };
                                /** @enum {string} */
                                type: "button";
                            } | {
                                action: {
                                    button: string;
                                    sections: {
                                        rows: {
                                            description?: string;
                                            id: string;
                                            title: string;
                                        }[];
                                        title?: string;
                                    }[];
                                };
                                body: {
                                    text: string;
                                };
                                footer?: {
                                    text: string;
                                };
                                header?: {
                                    text: string;
                                    /** @enum {string} */
                                    type: "text";
                                };
                                /** @enum {string} */
                                type: "list";
                            } | {
                                action: {
                                    /** @enum {string} */
                                    name: "cta_url";
                                    parameters: {
                                        display_text: string;
                                        /** Format: uri */
                                        url: string;
                                    };
                                };
                                body: {
                                    text: string;
                                };
                                footer?: {
                                    text: string;
                                };
                                header?: {
                                    text: string;
                                    /** @enum {string} */
                                    type: "text";
                                } | {
                                    image: {
                                        caption?: string;
                                        filename?: string;
                                        id?: string;
                                        /** Format: uri */
                                        link?: string;
                                    };
                                    /** @enum {string} */
                                    type: "image";
                                } | {
                                    /** @enum {string} */
                                    type: "video";
                                    video: {
                                        caption?: string;
                                        filename?: string;
                                        id?: string;
                                        /** Format: uri */
                                        link?: string;
                                    };
                                } | {
                                    document: {
                                        caption?: string;
                                        filename?: string;
                                        id?: string;
                                        /** Format: uri */
                                        link?: string;
                                    };
                                    /** @enum {string} */
                                    type: "document";
                                };
                                /** @enum {string} */
                                type: "cta_url";
                            };
                            /** @description wamid of the message this replies to */
                            replyTo?: string;
                            /** @description recipient phone number (E.164 preferred), or the business-scoped user id of a contact without one */
                            to: string;
                            /** @enum {string} */
                            type: "interactive";
                        } | {
                            /** @description sending phone number: Charla id or Meta phone number id; default the first */
                            from?: string;
                            /** @description wamid of the message this replies to */
                            replyTo?: string;
                            template: {
                                language: string;
                                name: string;
                                parameters?: {
                                    body?: string[] | {
                                        [key: string]: string;
                                    };
                                    buttons?: {
                                        index: number;
                                        text?: string;
                                    }[];
                                    header?: {
                                        document?: {
                                            filename?: string;
                                            id?: string;
                                            link?: string;
                                        };
                                        image?: {
                                            id?: string;
                                            link?: string;
                                        };
                                        location?: {
                                            address?: string;
                                            latitude: number;
                                            longitude: number;
                                            name?: string;
                                        };
                                        text?: string;
                                        video?: {
                                            id?: string;
                                            link?: string;
                                        };
                                    };
                                };
                            };
                            /** @description recipient phone number (E.164 preferred), or the business-scoped user id of a contact without one */
                            to: string;
                            /** @enum {string} */
                            type: "template";
                        }) & {
                            /** @description this item's Idempotency-Key (per tenant, as the header's) */
                            idempotencyKey?: string;
                        })[];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            results: {
                                message?: {
                                    /** Format: uuid */
                                    contactId: string;
                                    /** Format: date-time */
                                    createdAt: string;
                                    /** @enum {string} */
                                    direction: "outbound" | "inbound";
                                    /** Format: uuid */
                                    id: string;
                                    /** Format: uuid */
                                    phoneNumberId: string;
                                    /** @enum {string} */
                                    status: "queued" | "dispatching" | "accepted" | "sent" | "delivered" | "read" | "failed" | "received";
                                    type: string;
                                    wamid: string | null;
                                } & {
                                    [key: string]: unknown;
                                };
                                problem?: {
                                    code: string;
                                    status: number;
                                    title: string;
                                    type: string;
                                } & {
                                    [key: string]: unknown;
                                };
                                status: number;
                            }[];
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/phone-numbers": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The tenant's phone numbers with quality and throughput */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/phone-numbers/{id}/business-profile": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The number's business profile at Meta */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Edit the business profile (about, address, description, email, websites, vertical, photo) */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        about?: string;
                        address?: string;
                        description?: string;
                        /** Format: email */
                        email?: string;
                        profilePictureHandle?: string;
                        /** @enum {string} */
                        vertical?: "UNDEFINED" | "OTHER" | "AUTO" | "BEAUTY" | "APPAREL" | "EDU" | "ENTERTAIN" | "EVENT_PLAN" | "FINANCE" | "GROCERY" | "GOVT" | "HOTEL" | "HEALTH" | "NONPROFIT" | "PROF_SERVICES" | "RETAIL" | "TRAVEL" | "RESTAURANT" | "NOT_A_BIZ";
                        websites?: string[];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        trace?: never;
    };
    "/v1/phone-numbers/{id}/deregister": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Deregister the number from the Cloud API */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": Record<string, never>;
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/phone-numbers/{id}/display-name": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Request a display-name change (pre-checked against Meta's rules, then reviewed by WhatsApp) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        displayName: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/phone-numbers/{id}/history": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Quality rating and messaging limit history of the number (for charts) */
        get: {
            parameters: {
                query?: {
                    since?: string;
                };
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/phone-numbers/{id}/register": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Register the number on the Cloud API with its two-step verification PIN */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        pin: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/phone-numbers/{id}/request-code": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Ask Meta to send the number's verification code (SMS or voice) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @default en_US */
                        language?: string;
                        /**
                         * @default SMS
                         * @enum {string}
                         */
                        method?: "SMS" | "VOICE";
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/phone-numbers/{id}/status": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The number with Meta's statuses and health_status (per entity) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/phone-numbers/{id}/two-step-pin": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Change the number's two-step verification PIN */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        pin: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/phone-numbers/{id}/verify": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Verify the number with the code Meta sent */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        code: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/push/public-key": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The VAPID public key browsers subscribe with (applicationServerKey) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/push/subscriptions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Register this browser (PushSubscription.toJSON() and the portal's language) for notices of new assigned conversations and mentions; registering again updates the language */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        endpoint: string;
                        keys: {
                            auth: string;
                            p256dh: string;
                        };
                        /**
                         * @description The portal's language (es, en or pt): notices to this browser are written in it
                         * @enum {string}
                         */
                        language?: "es" | "en" | "pt";
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        /** Unregister a browser */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        endpoint: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/sandbox": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Whether this server runs the Cloud API emulator, and where */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            emulatorUrl: string | null;
                            enabled: boolean;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/sandbox/inbound": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** A simulated customer writes to one of the tenant's sandbox numbers */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        from: string;
                        phoneNumberId?: string;
                        text: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            from: string;
                            id: string;
                            phoneNumberId: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/segments": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The tenant's segments */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: ({
                                /** Format: uuid */
                                id: string;
                                memberCount: number;
                                name: string;
                            } & {
                                [key: string]: unknown;
                            })[];
                        };
                    };
                };
            };
        };
        put?: never;
        /** Save a segment: AND/OR groups of rules; its members are computed at once */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        name: string;
                        rules: {
                            /** @enum {string} */
                            op: "and" | "or";
                            rules: (({
                                /** @enum {string} */
                                field: "attribute";
                                key: string;
                                max?: number | string;
                                /** @description range: a number, or an ISO date compared as text */
                                min?: number | string;
                                /** @enum {string} */
                                op: "equals" | "contains" | "in" | "range" | "exists" | "not_exists";
                                /** @description equals, contains */
                                value?: string;
                                /** @description in */
                                values?: string[];
                            } | {
                                /** @enum {string} */
                                field: "tag";
                                /** @enum {string} */
                                op: "has" | "not_has";
                                tag: string;
                            } | {
                                /** @enum {string} */
                                field: "consent";
                                /** @enum {string} */
                                state: "opted_in" | "opted_out" | "none";
                            } | {
                                /** @enum {string} */
                                field: "language";
                                values: string[];
                            } | {
                                countries: string[];
                                /** @enum {string} */
                                field: "country";
                            } | {
                                /** @enum {string} */
                                field: "market";
                                markets: string[];
                            } | {
                                days: number;
                                /** @enum {string} */
                                field: "last_inbound";
                                /** @enum {string} */
                                op: "within" | "not_within";
                            } | {
                                days: number;
                                /** @enum {string} */
                                field: "created";
                            } | {
                                /** @enum {string} */
                                field: "conversation";
                                /** Format: uuid */
                                numberId: string;
                            } | {
                                /** Format: uuid */
                                campaignId: string;
                                /** @enum {string} */
                                event: "received" | "read" | "replied" | "not_received";
                                /** @enum {string} */
                                field: "campaign";
                            }) | {
                                /** @enum {string} */
                                op: "and" | "or";
                                rules: (({
                                    /** @enum {string} */
                                    field: "attribute";
                                    key: string;
                                    max?: number | string;
                                    /** @description range: a number, or an ISO date compared as text */
                                    min?: number | string;
                                    /** @enum {string} */
                                    op: "equals" | "contains" | "in" | "range" | "exists" | "not_exists";
                                    /** @description equals, contains */
                                    value?: string;
                                    /** @description in */
                                    values?: string[];
                                } | {
                                    /** @enum {string} */
                                    field: "tag";
                                    /** @enum {string} */
                                    op: "has" | "not_has";
                                    tag: string;
                                } | {
                                    /** @enum {string} */
                                    field: "consent";
                                    /** @enum {string} */
                                    state: "opted_in" | "opted_out" | "none";
                                } | {
                                    /** @enum {string} */
                                    field: "language";
                                    values: string[];
                                } | {
                                    countries: string[];
                                    /** @enum {string} */
                                    field: "country";
                                } | {
                                    /** @enum {string} */
                                    field: "market";
                                    markets: string[];
                                } | {
                                    days: number;
                                    /** @enum {string} */
                                    field: "last_inbound";
                                    /** @enum {string} */
                                    op: "within" | "not_within";
                                } | {
                                    days: number;
                                    /** @enum {string} */
                                    field: "created";
                                } | {
                                    /** @enum {string} */
                                    field: "conversation";
                                    /** Format: uuid */
                                    numberId: string;
                                } | {
                                    /** Format: uuid */
                                    campaignId: string;
                                    /** @enum {string} */
                                    event: "received" | "read" | "replied" | "not_received";
                                    /** @enum {string} */
                                    field: "campaign";
                                }) | {
                                    /** @enum {string} */
                                    op: "and" | "or";
                                    rules: (({
                                        /** @enum {string} */
                                        field: "attribute";
                                        key: string;
                                        max?: number | string;
                                        /** @description range: a number, or an ISO date compared as text */
                                        min?: number | string;
                                        /** @enum {string} */
                                        op: "equals" | "contains" | "in" | "range" | "exists" | "not_exists";
                                        /** @description equals, contains */
                                        value?: string;
                                        /** @description in */
                                        values?: string[];
                                    } | {
                                        /** @enum {string} */
                                        field: "tag";
                                        /** @enum {string} */
                                        op: "has" | "not_has";
                                        tag: string;
                                    } | {
                                        /** @enum {string} */
                                        field: "consent";
                                        /** @enum {string} */
                                        state: "opted_in" | "opted_out" | "none";
                                    } | {
                                        /** @enum {string} */
                                        field: "language";
                                        values: string[];
                                    } | {
                                        countries: string[];
                                        /** @enum {string} */
                                        field: "country";
                                    } | {
                                        /** @enum {string} */
                                        field: "market";
                                        markets: string[];
                                    } | {
                                        days: number;
                                        /** @enum {string} */
                                        field: "last_inbound";
                                        /** @enum {string} */
                                        op: "within" | "not_within";
                                    } | {
                                        days: number;
                                        /** @enum {string} */
                                        field: "created";
                                    } | {
                                        /** @enum {string} */
                                        field: "conversation";
                                        /** Format: uuid */
                                        numberId: string;
                                    } | {
                                        /** Format: uuid */
                                        campaignId: string;
                                        /** @enum {string} */
                                        event: "received" | "read" | "replied" | "not_received";
                                        /** @enum {string} */
                                        field: "campaign";
                                    }) | {
                                        /** @enum {string} */
                                        op: "and" | "or";
                                        rules: ({
                                            /** @enum {string} */
                                            field: "attribute";
                                            key: string;
                                            max?: number | string;
                                            /** @description range: a number, or an ISO date compared as text */
                                            min?: number | string;
                                            /** @enum {string} */
                                            op: "equals" | "contains" | "in" | "range" | "exists" | "not_exists";
                                            /** @description equals, contains */
                                            value?: string;
                                            /** @description in */
                                            values?: string[];
                                        } | {
                                            /** @enum {string} */
                                            field: "tag";
                                            /** @enum {string} */
                                            op: "has" | "not_has";
                                            tag: string;
                                        } | {
                                            /** @enum {string} */
                                            field: "consent";
                                            /** @enum {string} */
                                            state: "opted_in" | "opted_out" | "none";
                                        } | {
                                            /** @enum {string} */
                                            field: "language";
                                            values: string[];
                                        } | {
                                            countries: string[];
                                            /** @enum {string} */
                                            field: "country";
                                        } | {
                                            /** @enum {string} */
                                            field: "market";
                                            markets: string[];
                                        } | {
                                            days: number;
                                            /** @enum {string} */
                                            field: "last_inbound";
                                            /** @enum {string} */
                                            op: "within" | "not_within";
                                        } | {
                                            days: number;
                                            /** @enum {string} */
                                            field: "created";
                                        } | {
                                            /** @enum {string} */
                                            field: "conversation";
                                            /** Format: uuid */
                                            numberId: string;
                                        } | {
                                            /** Format: uuid */
                                            campaignId: string;
                                            /** @enum {string} */
                                            event: "received" | "read" | "replied" | "not_received";
                                            /** @enum {string} */
                                            field: "campaign";
                                        })[];
                                    })[];
                                })[];
                            })[];
                        };
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: uuid */
                            id: string;
                            memberCount: number;
                            name: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/segments/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A segment with its rules */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: uuid */
                            id: string;
                            memberCount: number;
                            name: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        /** Delete a segment */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        options?: never;
        head?: never;
        /** Rename a segment or change its rules (members are recomputed) */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        name?: string;
                        rules?: {
                            /** @enum {string} */
                            op: "and" | "or";
                            rules: (({
                                /** @enum {string} */
                                field: "attribute";
                                key: string;
                                max?: number | string;
                                /** @description range: a number, or an ISO date compared as text */
                                min?: number | string;
                                /** @enum {string} */
                                op: "equals" | "contains" | "in" | "range" | "exists" | "not_exists";
                                /** @description equals, contains */
                                value?: string;
                                /** @description in */
                                values?: string[];
                            } | {
                                /** @enum {string} */
                                field: "tag";
                                /** @enum {string} */
                                op: "has" | "not_has";
                                tag: string;
                            } | {
                                /** @enum {string} */
                                field: "consent";
                                /** @enum {string} */
                                state: "opted_in" | "opted_out" | "none";
                            } | {
                                /** @enum {string} */
                                field: "language";
                                values: string[];
                            } | {
                                countries: string[];
                                /** @enum {string} */
                                field: "country";
                            } | {
                                /** @enum {string} */
                                field: "market";
                                markets: string[];
                            } | {
                                days: number;
                                /** @enum {string} */
                                field: "last_inbound";
                                /** @enum {string} */
                                op: "within" | "not_within";
                            } | {
                                days: number;
                                /** @enum {string} */
                                field: "created";
                            } | {
                                /** @enum {string} */
                                field: "conversation";
                                /** Format: uuid */
                                numberId: string;
                            } | {
                                /** Format: uuid */
                                campaignId: string;
                                /** @enum {string} */
                                event: "received" | "read" | "replied" | "not_received";
                                /** @enum {string} */
                                field: "campaign";
                            }) | {
                                /** @enum {string} */
                                op: "and" | "or";
                                rules: (({
                                    /** @enum {string} */
                                    field: "attribute";
                                    key: string;
                                    max?: number | string;
                                    /** @description range: a number, or an ISO date compared as text */
                                    min?: number | string;
                                    /** @enum {string} */
                                    op: "equals" | "contains" | "in" | "range" | "exists" | "not_exists";
                                    /** @description equals, contains */
                                    value?: string;
                                    /** @description in */
                                    values?: string[];
                                } | {
                                    /** @enum {string} */
                                    field: "tag";
                                    /** @enum {string} */
                                    op: "has" | "not_has";
                                    tag: string;
                                } | {
                                    /** @enum {string} */
                                    field: "consent";
                                    /** @enum {string} */
                                    state: "opted_in" | "opted_out" | "none";
                                } | {
                                    /** @enum {string} */
                                    field: "language";
                                    values: string[];
                                } | {
                                    countries: string[];
                                    /** @enum {string} */
                                    field: "country";
                                } | {
                                    /** @enum {string} */
                                    field: "market";
                                    markets: string[];
                                } | {
                                    days: number;
                                    /** @enum {string} */
                                    field: "last_inbound";
                                    /** @enum {string} */
                                    op: "within" | "not_within";
                                } | {
                                    days: number;
                                    /** @enum {string} */
                                    field: "created";
                                } | {
                                    /** @enum {string} */
                                    field: "conversation";
                                    /** Format: uuid */
                                    numberId: string;
                                } | {
                                    /** Format: uuid */
                                    campaignId: string;
                                    /** @enum {string} */
                                    event: "received" | "read" | "replied" | "not_received";
                                    /** @enum {string} */
                                    field: "campaign";
                                }) | {
                                    /** @enum {string} */
                                    op: "and" | "or";
                                    rules: (({
                                        /** @enum {string} */
                                        field: "attribute";
                                        key: string;
                                        max?: number | string;
                                        /** @description range: a number, or an ISO date compared as text */
                                        min?: number | string;
                                        /** @enum {string} */
                                        op: "equals" | "contains" | "in" | "range" | "exists" | "not_exists";
                                        /** @description equals, contains */
                                        value?: string;
                                        /** @description in */
                                        values?: string[];
                                    } | {
                                        /** @enum {string} */
                                        field: "tag";
                                        /** @enum {string} */
                                        op: "has" | "not_has";
                                        tag: string;
                                    } | {
                                        /** @enum {string} */
                                        field: "consent";
                                        /** @enum {string} */
                                        state: "opted_in" | "opted_out" | "none";
                                    } | {
                                        /** @enum {string} */
                                        field: "language";
                                        values: string[];
                                    } | {
                                        countries: string[];
                                        /** @enum {string} */
                                        field: "country";
                                    } | {
                                        /** @enum {string} */
                                        field: "market";
                                        markets: string[];
                                    } | {
                                        days: number;
                                        /** @enum {string} */
                                        field: "last_inbound";
                                        /** @enum {string} */
                                        op: "within" | "not_within";
                                    } | {
                                        days: number;
                                        /** @enum {string} */
                                        field: "created";
                                    } | {
                                        /** @enum {string} */
                                        field: "conversation";
                                        /** Format: uuid */
                                        numberId: string;
                                    } | {
                                        /** Format: uuid */
                                        campaignId: string;
                                        /** @enum {string} */
                                        event: "received" | "read" | "replied" | "not_received";
                                        /** @enum {string} */
                                        field: "campaign";
                                    }) | {
                                        /** @enum {string} */
                                        op: "and" | "or";
                                        rules: ({
                                            /** @enum {string} */
                                            field: "attribute";
                                            key: string;
                                            max?: number | string;
                                            /** @description range: a number, or an ISO date compared as text */
                                            min?: number | string;
                                            /** @enum {string} */
                                            op: "equals" | "contains" | "in" | "range" | "exists" | "not_exists";
                                            /** @description equals, contains */
                                            value?: string;
                                            /** @description in */
                                            values?: string[];
                                        } | {
                                            /** @enum {string} */
                                            field: "tag";
                                            /** @enum {string} */
                                            op: "has" | "not_has";
                                            tag: string;
                                        } | {
                                            /** @enum {string} */
                                            field: "consent";
                                            /** @enum {string} */
                                            state: "opted_in" | "opted_out" | "none";
                                        } | {
                                            /** @enum {string} */
                                            field: "language";
                                            values: string[];
                                        } | {
                                            countries: string[];
                                            /** @enum {string} */
                                            field: "country";
                                        } | {
                                            /** @enum {string} */
                                            field: "market";
                                            markets: string[];
                                        } | {
                                            days: number;
                                            /** @enum {string} */
                                            field: "last_inbound";
                                            /** @enum {string} */
                                            op: "within" | "not_within";
                                        } | {
                                            days: number;
                                            /** @enum {string} */
                                            field: "created";
                                        } | {
                                            /** @enum {string} */
                                            field: "conversation";
                                            /** Format: uuid */
                                            numberId: string;
                                        } | {
                                            /** Format: uuid */
                                            campaignId: string;
                                            /** @enum {string} */
                                            event: "received" | "read" | "replied" | "not_received";
                                            /** @enum {string} */
                                            field: "campaign";
                                        })[];
                                    })[];
                                })[];
                            })[];
                        };
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: uuid */
                            id: string;
                            memberCount: number;
                            name: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        trace?: never;
    };
    "/v1/segments/preview": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Count and sample the contacts a rule group matches now (the editor's live count) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        rules: {
                            /** @enum {string} */
                            op: "and" | "or";
                            rules: (({
                                /** @enum {string} */
                                field: "attribute";
                                key: string;
                                max?: number | string;
                                /** @description range: a number, or an ISO date compared as text */
                                min?: number | string;
                                /** @enum {string} */
                                op: "equals" | "contains" | "in" | "range" | "exists" | "not_exists";
                                /** @description equals, contains */
                                value?: string;
                                /** @description in */
                                values?: string[];
                            } | {
                                /** @enum {string} */
                                field: "tag";
                                /** @enum {string} */
                                op: "has" | "not_has";
                                tag: string;
                            } | {
                                /** @enum {string} */
                                field: "consent";
                                /** @enum {string} */
                                state: "opted_in" | "opted_out" | "none";
                            } | {
                                /** @enum {string} */
                                field: "language";
                                values: string[];
                            } | {
                                countries: string[];
                                /** @enum {string} */
                                field: "country";
                            } | {
                                /** @enum {string} */
                                field: "market";
                                markets: string[];
                            } | {
                                days: number;
                                /** @enum {string} */
                                field: "last_inbound";
                                /** @enum {string} */
                                op: "within" | "not_within";
                            } | {
                                days: number;
                                /** @enum {string} */
                                field: "created";
                            } | {
                                /** @enum {string} */
                                field: "conversation";
                                /** Format: uuid */
                                numberId: string;
                            } | {
                                /** Format: uuid */
                                campaignId: string;
                                /** @enum {string} */
                                event: "received" | "read" | "replied" | "not_received";
                                /** @enum {string} */
                                field: "campaign";
                            }) | {
                                /** @enum {string} */
                                op: "and" | "or";
                                rules: (({
                                    /** @enum {string} */
                                    field: "attribute";
                                    key: string;
                                    max?: number | string;
                                    /** @description range: a number, or an ISO date compared as text */
                                    min?: number | string;
                                    /** @enum {string} */
                                    op: "equals" | "contains" | "in" | "range" | "exists" | "not_exists";
                                    /** @description equals, contains */
                                    value?: string;
                                    /** @description in */
                                    values?: string[];
                                } | {
                                    /** @enum {string} */
                                    field: "tag";
                                    /** @enum {string} */
                                    op: "has" | "not_has";
                                    tag: string;
                                } | {
                                    /** @enum {string} */
                                    field: "consent";
                                    /** @enum {string} */
                                    state: "opted_in" | "opted_out" | "none";
                                } | {
                                    /** @enum {string} */
                                    field: "language";
                                    values: string[];
                                } | {
                                    countries: string[];
                                    /** @enum {string} */
                                    field: "country";
                                } | {
                                    /** @enum {string} */
                                    field: "market";
                                    markets: string[];
                                } | {
                                    days: number;
                                    /** @enum {string} */
                                    field: "last_inbound";
                                    /** @enum {string} */
                                    op: "within" | "not_within";
                                } | {
                                    days: number;
                                    /** @enum {string} */
                                    field: "created";
                                } | {
                                    /** @enum {string} */
                                    field: "conversation";
                                    /** Format: uuid */
                                    numberId: string;
                                } | {
                                    /** Format: uuid */
                                    campaignId: string;
                                    /** @enum {string} */
                                    event: "received" | "read" | "replied" | "not_received";
                                    /** @enum {string} */
                                    field: "campaign";
                                }) | {
                                    /** @enum {string} */
                                    op: "and" | "or";
                                    rules: (({
                                        /** @enum {string} */
                                        field: "attribute";
                                        key: string;
                                        max?: number | string;
                                        /** @description range: a number, or an ISO date compared as text */
                                        min?: number | string;
                                        /** @enum {string} */
                                        op: "equals" | "contains" | "in" | "range" | "exists" | "not_exists";
                                        /** @description equals, contains */
                                        value?: string;
                                        /** @description in */
                                        values?: string[];
                                    } | {
                                        /** @enum {string} */
                                        field: "tag";
                                        /** @enum {string} */
                                        op: "has" | "not_has";
                                        tag: string;
                                    } | {
                                        /** @enum {string} */
                                        field: "consent";
                                        /** @enum {string} */
                                        state: "opted_in" | "opted_out" | "none";
                                    } | {
                                        /** @enum {string} */
                                        field: "language";
                                        values: string[];
                                    } | {
                                        countries: string[];
                                        /** @enum {string} */
                                        field: "country";
                                    } | {
                                        /** @enum {string} */
                                        field: "market";
                                        markets: string[];
                                    } | {
                                        days: number;
                                        /** @enum {string} */
                                        field: "last_inbound";
                                        /** @enum {string} */
                                        op: "within" | "not_within";
                                    } | {
                                        days: number;
                                        /** @enum {string} */
                                        field: "created";
                                    } | {
                                        /** @enum {string} */
                                        field: "conversation";
                                        /** Format: uuid */
                                        numberId: string;
                                    } | {
                                        /** Format: uuid */
                                        campaignId: string;
                                        /** @enum {string} */
                                        event: "received" | "read" | "replied" | "not_received";
                                        /** @enum {string} */
                                        field: "campaign";
                                    }) | {
                                        /** @enum {string} */
                                        op: "and" | "or";
                                        rules: ({
                                            /** @enum {string} */
                                            field: "attribute";
                                            key: string;
                                            max?: number | string;
                                            /** @description range: a number, or an ISO date compared as text */
                                            min?: number | string;
                                            /** @enum {string} */
                                            op: "equals" | "contains" | "in" | "range" | "exists" | "not_exists";
                                            /** @description equals, contains */
                                            value?: string;
                                            /** @description in */
                                            values?: string[];
                                        } | {
                                            /** @enum {string} */
                                            field: "tag";
                                            /** @enum {string} */
                                            op: "has" | "not_has";
                                            tag: string;
                                        } | {
                                            /** @enum {string} */
                                            field: "consent";
                                            /** @enum {string} */
                                            state: "opted_in" | "opted_out" | "none";
                                        } | {
                                            /** @enum {string} */
                                            field: "language";
                                            values: string[];
                                        } | {
                                            countries: string[];
                                            /** @enum {string} */
                                            field: "country";
                                        } | {
                                            /** @enum {string} */
                                            field: "market";
                                            markets: string[];
                                        } | {
                                            days: number;
                                            /** @enum {string} */
                                            field: "last_inbound";
                                            /** @enum {string} */
                                            op: "within" | "not_within";
                                        } | {
                                            days: number;
                                            /** @enum {string} */
                                            field: "created";
                                        } | {
                                            /** @enum {string} */
                                            field: "conversation";
                                            /** Format: uuid */
                                            numberId: string;
                                        } | {
                                            /** Format: uuid */
                                            campaignId: string;
                                            /** @enum {string} */
                                            event: "received" | "read" | "replied" | "not_received";
                                            /** @enum {string} */
                                            field: "campaign";
                                        })[];
                                    })[];
                                })[];
                            })[];
                        };
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            count: number;
                            sample: {
                                /** Format: uuid */
                                id: string;
                                name: string | null;
                                phone: string | null;
                                tags: string[];
                            }[];
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/signup/embedded": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The Embedded Signup page to open (sandbox); it returns to redirectUri with a code */
        get: {
            parameters: {
                query: {
                    redirectUri: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        /** Finish Embedded Signup: exchange the code, connect the WABA, subscribe the app, register the number */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        code: string;
                        phoneNumberId: string;
                        pin: string;
                        wabaId: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/teams": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Teams with members, hours and SLA policy */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: ({
                                assignmentMode: string;
                                /** Format: uuid */
                                id: string;
                                name: string;
                            } & {
                                [key: string]: unknown;
                            })[];
                        };
                    };
                };
            };
        };
        put?: never;
        /** Create a team */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @enum {string} */
                        assignmentMode?: "round_robin" | "least_busy" | "manual";
                        businessHours?: {
                            /** @default [] */
                            holidays?: string[];
                            timezone: string;
                            weekly: {
                                [key: string]: [
                                    string,
                                    string
                                ][];
                            };
                        } | null;
                        /** @description Ask for a rating (interactive buttons) when a conversation is resolved */
                        csatOnResolve?: boolean;
                        csatQuestion?: string | null;
                        escalateAfterMinutes?: number | null;
                        firstResponseMinutes?: number | null;
                        memberIds?: string[];
                        name: string;
                        resolutionMinutes?: number | null;
                        warnAtPercent?: number;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/teams/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Delete a team */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        options?: never;
        head?: never;
        /** Change a team (memberIds replaces its members) */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @enum {string} */
                        assignmentMode?: "round_robin" | "least_busy" | "manual";
                        businessHours?: {
                            /** @default [] */
                            holidays?: string[];
                            timezone: string;
                            weekly: {
                                [key: string]: [
                                    string,
                                    string
                                ][];
                            };
                        } | null;
                        /** @description Ask for a rating (interactive buttons) when a conversation is resolved */
                        csatOnResolve?: boolean;
                        csatQuestion?: string | null;
                        escalateAfterMinutes?: number | null;
                        firstResponseMinutes?: number | null;
                        memberIds?: string[];
                        name?: string;
                        resolutionMinutes?: number | null;
                        warnAtPercent?: number;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        trace?: never;
    };
    "/v1/templates": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The tenant's templates, newest first, with filters and cursor pagination */
        get: {
            parameters: {
                query?: {
                    accountId?: string;
                    category?: "MARKETING" | "UTILITY" | "AUTHENTICATION";
                    cursor?: string;
                    language?: string;
                    limit?: number;
                    name?: string;
                    status?: "draft" | "in_review" | "policy_rejected" | "pending" | "approved" | "rejected" | "paused" | "disabled";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: {
                                /** Format: uuid */
                                accountId: string;
                                /** @enum {string} */
                                category: "MARKETING" | "UTILITY" | "AUTHENTICATION";
                                /** Format: date-time */
                                createdAt: string;
                                definition: {
                                    [key: string]: unknown;
                                };
                                /** Format: uuid */
                                id: string;
                                language: string;
                                lastSyncedAt: string | null;
                                metaStatus: string | null;
                                metaTemplateId: string | null;
                                name: string;
                                policyFindings: {
                                    category?: string;
                                    match?: string;
                                    message: string;
                                    path: string;
                                    /** @enum {string} */
                                    rule: "prohibited_content" | "utility_promotional_content" | "marketing_missing_opt_out" | "url_shortener";
                                    /** @enum {string} */
                                    severity: "block" | "warn";
                                }[] | null;
                                qualityScore: string | null;
                                reviewedAt: string | null;
                                reviewedBy: string | null;
                                reviewRequestedAt: string | null;
                                /** @enum {string} */
                                source: "charla" | "meta";
                                /** @enum {string} */
                                status: "draft" | "in_review" | "policy_rejected" | "pending" | "approved" | "rejected" | "paused" | "disabled";
                                statusReason: string | null;
                                submittedAt: string | null;
                                /** Format: date-time */
                                updatedAt: string;
                            }[];
                            nextCursor: string | null;
                        };
                    };
                };
            };
        };
        put?: never;
        /**
         * Create a template (one per name and language) and run the platform policy review
         * @description Validated against WhatsApp's template rules (422 `template_invalid` with per-field errors), then reviewed at once against the platform policy: blocking findings reject it (`policy_rejected`, findings stored); otherwise it waits for a platform admin (`in_review`), or is submitted to Meta directly when it has no finding and TEMPLATE_AUTO_APPROVE_CLEAN is on.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /**
                         * Format: uuid
                         * @description Charla's id of the WhatsApp account; default: the tenant's first
                         */
                        accountId?: string;
                        allow_category_change?: boolean;
                        /** @description MARKETING, UTILITY or AUTHENTICATION */
                        category?: string;
                        /** @description HEADER, BODY, FOOTER and BUTTONS components, as Meta defines them */
                        components?: ({
                            type: string;
                        } & {
                            [key: string]: unknown;
                        })[];
                        /** @description Keep it as a draft instead of sending it to review */
                        draft?: boolean;
                        /** @description Meta's language code: es, es_MX, en_US, pt_BR... */
                        language?: string;
                        message_send_ttl_seconds?: number;
                        /** @description lowercase letters, digits and underscores */
                        name?: string;
                        /** @description POSITIONAL (default) or NAMED */
                        parameter_format?: string;
                        /** @description Or Meta's WABA id */
                        wabaId?: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: uuid */
                            accountId: string;
                            /** @enum {string} */
                            category: "MARKETING" | "UTILITY" | "AUTHENTICATION";
                            /** Format: date-time */
                            createdAt: string;
                            definition: {
                                [key: string]: unknown;
                            };
                            /** Format: uuid */
                            id: string;
                            language: string;
                            lastSyncedAt: string | null;
                            metaStatus: string | null;
                            metaTemplateId: string | null;
                            name: string;
                            policyFindings: {
                                category?: string;
                                match?: string;
                                message: string;
                                path: string;
                                /** @enum {string} */
                                rule: "prohibited_content" | "utility_promotional_content" | "marketing_missing_opt_out" | "url_shortener";
                                /** @enum {string} */
                                severity: "block" | "warn";
                            }[] | null;
                            qualityScore: string | null;
                            reviewedAt: string | null;
                            reviewedBy: string | null;
                            reviewRequestedAt: string | null;
                            /** @enum {string} */
                            source: "charla" | "meta";
                            /** @enum {string} */
                            status: "draft" | "in_review" | "policy_rejected" | "pending" | "approved" | "rejected" | "paused" | "disabled";
                            statusReason: string | null;
                            submittedAt: string | null;
                            /** Format: date-time */
                            updatedAt: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/templates/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One template with its policy findings and status history */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: uuid */
                            accountId: string;
                            /** @enum {string} */
                            category: "MARKETING" | "UTILITY" | "AUTHENTICATION";
                            /** Format: date-time */
                            createdAt: string;
                            definition: {
                                [key: string]: unknown;
                            };
                            history: {
                                actor: string;
                                /** Format: date-time */
                                at: string;
                                data: {
                                    [key: string]: unknown;
                                } | null;
                                fromStatus: ("draft" | "in_review" | "policy_rejected" | "pending" | "approved" | "rejected" | "paused" | "disabled") | null;
                                /** Format: uuid */
                                id: string;
                                reason: string | null;
                                /** @enum {string} */
                                source: "author" | "policy" | "admin" | "meta_submit" | "meta_webhook" | "meta_sync";
                                /** @enum {string} */
                                toStatus: "draft" | "in_review" | "policy_rejected" | "pending" | "approved" | "rejected" | "paused" | "disabled";
                            }[];
                            /** Format: uuid */
                            id: string;
                            language: string;
                            lastSyncedAt: string | null;
                            metaStatus: string | null;
                            metaTemplateId: string | null;
                            name: string;
                            policyFindings: {
                                category?: string;
                                match?: string;
                                message: string;
                                path: string;
                                /** @enum {string} */
                                rule: "prohibited_content" | "utility_promotional_content" | "marketing_missing_opt_out" | "url_shortener";
                                /** @enum {string} */
                                severity: "block" | "warn";
                            }[] | null;
                            qualityScore: string | null;
                            reviewedAt: string | null;
                            reviewedBy: string | null;
                            reviewRequestedAt: string | null;
                            /** @enum {string} */
                            source: "charla" | "meta";
                            /** @enum {string} */
                            status: "draft" | "in_review" | "policy_rejected" | "pending" | "approved" | "rejected" | "paused" | "disabled";
                            statusReason: string | null;
                            submittedAt: string | null;
                            /** Format: date-time */
                            updatedAt: string;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        /** Delete a template (at Meta too when it was submitted) */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        options?: never;
        head?: never;
        /** Edit a draft or rejected template: re-validated and sent back to review */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        allow_category_change?: boolean;
                        /** @description MARKETING, UTILITY or AUTHENTICATION */
                        category?: string;
                        /** @description HEADER, BODY, FOOTER and BUTTONS components, as Meta defines them */
                        components?: ({
                            type: string;
                        } & {
                            [key: string]: unknown;
                        })[];
                        /** @description Keep it as a draft instead of sending it back to review */
                        draft?: boolean;
                        /** @description cannot change */
                        language?: string;
                        message_send_ttl_seconds?: number;
                        /** @description cannot change */
                        name?: string;
                        /** @description POSITIONAL (default) or NAMED */
                        parameter_format?: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: uuid */
                            accountId: string;
                            /** @enum {string} */
                            category: "MARKETING" | "UTILITY" | "AUTHENTICATION";
                            /** Format: date-time */
                            createdAt: string;
                            definition: {
                                [key: string]: unknown;
                            };
                            /** Format: uuid */
                            id: string;
                            language: string;
                            lastSyncedAt: string | null;
                            metaStatus: string | null;
                            metaTemplateId: string | null;
                            name: string;
                            policyFindings: {
                                category?: string;
                                match?: string;
                                message: string;
                                path: string;
                                /** @enum {string} */
                                rule: "prohibited_content" | "utility_promotional_content" | "marketing_missing_opt_out" | "url_shortener";
                                /** @enum {string} */
                                severity: "block" | "warn";
                            }[] | null;
                            qualityScore: string | null;
                            reviewedAt: string | null;
                            reviewedBy: string | null;
                            reviewRequestedAt: string | null;
                            /** @enum {string} */
                            source: "charla" | "meta";
                            /** @enum {string} */
                            status: "draft" | "in_review" | "policy_rejected" | "pending" | "approved" | "rejected" | "paused" | "disabled";
                            statusReason: string | null;
                            submittedAt: string | null;
                            /** Format: date-time */
                            updatedAt: string;
                        };
                    };
                };
            };
        };
        trace?: never;
    };
    "/v1/templates/{id}/preview": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Render a template with parameters: the Cloud API message and a plain-text preview */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description { header?: {...}, body?: [..] | {name: value}, buttons?: [{ index, text }] } */
                        parameters?: {
                            [key: string]: unknown;
                        };
                        to?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            message: {
                                /** @enum {string} */
                                messaging_product: "whatsapp";
                                template: {
                                    [key: string]: unknown;
                                };
                                to?: string;
                                /** @enum {string} */
                                type: "template";
                            };
                            preview: string;
                            sendable: boolean;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/templates/sync": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Reconcile statuses, quality and rejection reasons with Meta now; import templates only Meta has */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** Format: uuid */
                        accountId?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: {
                                /** Format: uuid */
                                accountId: string;
                                conflicts: number;
                                imported: number;
                                missingAtMeta: number;
                                seen: number;
                                updated: number;
                            }[];
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/tenant": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The tenant the API key belongs to */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: date-time */
                            createdAt: string;
                            /** Format: uuid */
                            id: string;
                            name: string;
                            slug: string;
                            status: string;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/users": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The tenant's users */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: {
                                /** Format: date-time */
                                createdAt: string;
                                email: string;
                                /** Format: uuid */
                                id: string;
                                name: string;
                                /** @enum {string} */
                                role: "platform_admin" | "tenant_admin" | "agent" | "developer" | "analyst";
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        /**
         * Create a user of this tenant
         * @description An e-mail already used by this tenant's users is refused (409). One used by another tenant is answered like a creation but creates nothing, so no tenant learns another's users.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** Format: email */
                        email: string;
                        name: string;
                        password: string;
                        /** @enum {string} */
                        role: "tenant_admin" | "agent" | "developer" | "analyst";
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            email: string;
                            /** Format: uuid */
                            id: string;
                            name: string;
                            /** @enum {string} */
                            role: "platform_admin" | "tenant_admin" | "agent" | "developer" | "analyst";
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/users/invitations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Pending invitations of this tenant (tokens are never shown again) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: {
                                /** Format: date-time */
                                createdAt: string;
                                email: string;
                                /** Format: date-time */
                                expiresAt: string;
                                /** Format: uuid */
                                id: string;
                                invitedBy: string;
                                name: string;
                                /** @enum {string} */
                                role: "platform_admin" | "tenant_admin" | "agent" | "developer" | "analyst";
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        /** Invite a user to this tenant; the token is shown once */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** Format: email */
                        email: string;
                        name: string;
                        /** @enum {string} */
                        role: "platform_admin" | "tenant_admin" | "agent" | "developer" | "analyst";
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            acceptPath: string;
                            /** Format: date-time */
                            createdAt: string;
                            email: string;
                            /** Format: date-time */
                            expiresAt: string;
                            /** Format: uuid */
                            id: string;
                            invitedBy: string;
                            name: string;
                            /** @enum {string} */
                            role: "platform_admin" | "tenant_admin" | "agent" | "developer" | "analyst";
                            token: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/users/invitations/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Revoke a pending invitation */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/webhook-deliveries/{id}/replay": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Send one delivery again, even if it was delivered */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            attempts: number;
                            batchId: string | null;
                            /** Format: date-time */
                            createdAt: string;
                            deliveredAt: string | null;
                            /** Format: uuid */
                            eventId: string;
                            eventType: string;
                            /** Format: uuid */
                            id: string;
                            lastAttemptAt: string | null;
                            lastError: string | null;
                            lastStatusCode: number | null;
                            nextAttemptAt: string | null;
                            payload: {
                                [key: string]: unknown;
                            };
                            /** @enum {string} */
                            status: "pending" | "delivered" | "failed" | "dead";
                            /** Format: uuid */
                            subscriptionId: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/webhook-event-types": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The event types webhooks can subscribe to */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: {
                                description: string;
                                type: string;
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/webhooks": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List the tenant's webhooks */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: {
                                active: boolean;
                                /** Format: date-time */
                                createdAt: string;
                                description: string | null;
                                eventTypes: string[];
                                /** Format: uuid */
                                id: string;
                                /** Format: date-time */
                                updatedAt: string;
                                url: string;
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        /** Subscribe a URL to events; the signing secret is shown once */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @default true */
                        active?: boolean;
                        description?: string | null;
                        eventTypes: string[];
                        /** Format: uri */
                        url: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            note: string;
                            secret: string;
                            webhook: {
                                active: boolean;
                                /** Format: date-time */
                                createdAt: string;
                                description: string | null;
                                eventTypes: string[];
                                /** Format: uuid */
                                id: string;
                                /** Format: date-time */
                                updatedAt: string;
                                url: string;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/webhooks/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One webhook */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            active: boolean;
                            /** Format: date-time */
                            createdAt: string;
                            description: string | null;
                            eventTypes: string[];
                            /** Format: uuid */
                            id: string;
                            /** Format: date-time */
                            updatedAt: string;
                            url: string;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        /** Delete a webhook and its deliveries */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        options?: never;
        head?: never;
        /** Change a webhook's URL, events, description or pause/resume it */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        active?: boolean;
                        description?: string | null;
                        eventTypes?: string[];
                        /** Format: uri */
                        url?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            active: boolean;
                            /** Format: date-time */
                            createdAt: string;
                            description: string | null;
                            eventTypes: string[];
                            /** Format: uuid */
                            id: string;
                            /** Format: date-time */
                            updatedAt: string;
                            url: string;
                        };
                    };
                };
            };
        };
        trace?: never;
    };
    "/v1/webhooks/{id}/deliveries": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A webhook's deliveries, newest first */
        get: {
            parameters: {
                query?: {
                    cursor?: string;
                    limit?: number;
                    status?: "pending" | "delivered" | "failed" | "dead";
                };
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: {
                                attempts: number;
                                batchId: string | null;
                                /** Format: date-time */
                                createdAt: string;
                                deliveredAt: string | null;
                                /** Format: uuid */
                                eventId: string;
                                eventType: string;
                                /** Format: uuid */
                                id: string;
                                lastAttemptAt: string | null;
                                lastError: string | null;
                                lastStatusCode: number | null;
                                nextAttemptAt: string | null;
                                payload: {
                                    [key: string]: unknown;
                                };
                                /** @enum {string} */
                                status: "pending" | "delivered" | "failed" | "dead";
                                /** Format: uuid */
                                subscriptionId: string;
                            }[];
                            nextCursor: string | null;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/webhooks/{id}/rotate-secret": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Replace the signing secret; the new one is shown once and the old one stops at once */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            note: string;
                            secret: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/webhooks/{id}/test": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Send a webhook.test event to this webhook */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: uuid */
                            deliveryId: string;
                            /** Format: uuid */
                            eventId: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/whatsapp-accounts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Connected WhatsApp Business Accounts */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        /** Connect a WhatsApp Business Account (its numbers are imported; the token is stored encrypted) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        accessToken: string;
                        name?: string;
                        wabaId: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/whatsapp-accounts/{id}/notifications": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Declare the account's notification use case for the platform's review */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        optInSource: string;
                        sampleMessage: string;
                        useCase: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/whatsapp-accounts/{id}/phone-numbers": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Add a number to the account (display name pre-checked); then request a code, verify and register it */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        countryCode: string;
                        displayName: string;
                        phoneNumber: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/whatsapp-accounts/{id}/refresh": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Re-read the account's numbers from Meta now (quality rating, limit tier, throughput, status) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/webhooks/billing/top-up": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** A payment provider's signed top-up notification (idempotent on paymentId) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            credited: boolean;
                            replayed: boolean;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/webhooks/whatsapp": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Meta's webhook subscription handshake */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        /** Meta's webhook notifications (signed with the app secret) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: never;
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export type operations = Record<string, never>;
