/** Form building blocks of the editor: labelled inputs and selects with the model's messages. */
import { html, nothing, type TemplateResult } from 'lit-html';
import { live } from 'lit-html/directives/live.js';

/** Options of a text input. */
export interface TextFieldOptions {
  readonly type?: 'text' | 'email' | 'tel' | 'url' | 'date' | 'number';
  readonly placeholder?: string;
  readonly autocomplete?: string;
  readonly inputmode?: string;
  readonly list?: string;
  readonly className?: string;
  /** The label is read by screen readers only (rows whose columns are obvious). */
  readonly hiddenLabel?: boolean;
}

/**
 * A labelled input bound to a path of the draft (`name` = the path, as in the model's field
 * violations), with its error under it.
 */
export function textField(
  label: string, path: string, value: string | undefined, error: string | undefined,
  onInput: (value: string) => void, options: TextFieldOptions = {},
): TemplateResult {
  const id = `f-${path.replace(/[^\w-]/g, '_')}`;
  return html`
    <div class="field ${options.className ?? ''} ${error === undefined ? '' : 'has-error'}">
      <label class="field-label ${options.hiddenLabel === true ? 'visually-hidden' : ''}" for=${id}>${label}</label>
      <input id=${id} name=${path} type=${options.type ?? 'text'} .value=${live(value ?? '')}
        placeholder=${options.placeholder ?? nothing} autocomplete=${options.autocomplete ?? 'off'}
        inputmode=${options.inputmode ?? nothing} list=${options.list ?? nothing}
        aria-invalid=${error === undefined ? 'false' : 'true'} aria-describedby=${error === undefined ? nothing : `${id}-error`}
        @input=${(e: Event) => onInput((e.target as HTMLInputElement).value)} />
      ${error === undefined ? nothing : html`<span class="field-error" id=${`${id}-error`} data-testid="field-error" data-field=${path}>${error}</span>`}
    </div>`;
}

/** A select of `options` (the value itself is shown, title-cased). */
export function selectField<T extends string>(
  label: string, path: string, value: T | undefined, options: readonly T[], error: string | undefined, onChange: (value: T) => void,
): TemplateResult {
  const id = `f-${path.replace(/[^\w-]/g, '_')}`;
  const pretty = (s: string): string => (s === 'UNTAGGED' ? 'Other' : s.charAt(0) + s.slice(1).toLowerCase());
  return html`
    <div class="field field-select ${error === undefined ? '' : 'has-error'}">
      <label class="field-label visually-hidden" for=${id}>${label}</label>
      <select id=${id} name=${path} @change=${(e: Event) => onChange((e.target as HTMLSelectElement).value as T)}>
        ${options.map((o) => html`<option value=${o} ?selected=${o === (value ?? options[0])}>${pretty(o)}</option>`)}
      </select>
      ${error === undefined ? nothing : html`<span class="field-error" data-testid="field-error" data-field=${path}>${error}</span>`}
    </div>`;
}

/** Errors under `prefix` that no input shows (e.g. a whole-list rule), joined. */
export function errorsUnder(errors: ReadonlyMap<string, string>, prefix: string, shown: ReadonlySet<string>): string | undefined {
  const rest = [...errors].filter(([k]) => (k === prefix || k.startsWith(`${prefix}.`) || k.startsWith(`${prefix}[`)) && !shown.has(k));
  return rest.length === 0 ? undefined : rest.map(([k, v]) => `${k.replace(/^info\./, '')}: ${v}`).join(' · ');
}
