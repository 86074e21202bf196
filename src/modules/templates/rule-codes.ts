/** The stable codes of Meta's template content rules, and what a validation answers. */
import type { FieldError, TemplateDefinition } from "./types.ts";
export const TEMPLATE_ERROR_CODES = [
  // shape
  "invalid_shape",
  "unsupported_component_type",
  "unsupported_button_type",
  // top level
  "name_required",
  "invalid_name",
  "name_too_long",
  "unsupported_language",
  "invalid_category",
  "invalid_parameter_format",
  "duplicate_component",
  "missing_body",
  // header
  "header_text_required",
  "header_too_long",
  "header_too_many_variables",
  "header_invalid_whitespace",
  "header_formatting_not_allowed",
  "unexpected_header_text",
  "missing_media_example",
  // body
  "body_text_required",
  "body_too_long",
  // variables and examples (header and body)
  "invalid_variable",
  "malformed_variable",
  "non_sequential_variables",
  "variable_at_start",
  "variable_at_end",
  "adjacent_variables",
  "too_many_variables",
  "missing_example",
  "example_count_mismatch",
  "example_name_mismatch",
  "empty_example",
  "unexpected_example",
  // footer
  "footer_text_required",
  "footer_too_long",
  "footer_has_variables",
  // buttons
  "empty_buttons",
  "too_many_buttons",
  "too_many_quick_replies",
  "too_many_url_buttons",
  "too_many_phone_buttons",
  "too_many_copy_code_buttons",
  "quick_replies_not_grouped",
  "button_text_required",
  "button_text_too_long",
  "button_text_invalid",
  "duplicate_button_text",
  "invalid_url",
  "url_too_long",
  "url_too_many_variables",
  "url_variable_not_at_end",
  "url_variable_in_domain",
  "invalid_example",
  "invalid_phone_number",
  "phone_number_too_long",
  "invalid_copy_code_example",
  "copy_code_not_allowed",
  "otp_button_not_allowed",
  // authentication
  "auth_requires_otp_button",
  "auth_button_not_allowed",
  "auth_header_not_allowed",
  "auth_body_invalid",
  "auth_footer_text_not_allowed",
  "auth_option_not_allowed",
  "invalid_code_expiration",
  "one_tap_missing_app",
  "invalid_package_name",
  "invalid_signature_hash",
  "zero_tap_terms_not_accepted",
] as const;
export type TemplateErrorCode = (typeof TEMPLATE_ERROR_CODES)[number];

export type TemplateError = FieldError & { code: TemplateErrorCode };
export type ValidationResult =
  | { ok: true; template: TemplateDefinition }
  | { ok: false; errors: TemplateError[] };

/** Records one error: what every check is given. */
export type Push = (path: string, code: TemplateErrorCode, message: string) => void;
