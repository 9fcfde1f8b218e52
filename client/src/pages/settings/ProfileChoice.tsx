import { useMutation } from '@apollo/client';
import { useState } from 'react';
import { UpdateProfileMutation } from '../../api/operations';
import type { UpdateProfileInput } from '../../gql/graphql';
import { errorMessage } from '../../lib/errors';
import { Card, ErrorBox } from '../../ui/components';
import { Icon } from '../../ui/icons';

export interface Choice<T extends string> {
  value: T;
  label: string;
  detail: string;
}

/**
 * One profile setting picked from a few radios and saved as soon as it is picked (follow policy,
 * default visibility). The pick shows at once; a refusal puts back what is stored.
 */
export function ProfileChoiceCard<T extends string>(props: {
  title: string;
  titleId: string;
  /** The radios' name (also what a test or assistive technology finds them by). */
  name: string;
  legend: string;
  /** Without a hint the legend repeats the card's title, so only screen readers get it. */
  hint?: string;
  choices: Choice<T>[];
  stored: T;
  input: (value: T) => UpdateProfileInput;
}) {
  const { stored } = props;
  const [current, setCurrent] = useState<T>(stored);
  const [saved, setSaved] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [update, { loading }] = useMutation(UpdateProfileMutation);

  async function choose(value: T) {
    setCurrent(value);
    setSaved(false);
    setError(null);
    try {
      await update({ variables: { input: props.input(value) } });
      setSaved(true);
    } catch (err) {
      setCurrent(stored);
      setError(errorMessage(err));
    }
  }

  return (
    <Card title={props.title} titleId={props.titleId}>
      {error && <ErrorBox error={error} title="Not saved" />}
      <fieldset className="field" aria-busy={loading || undefined}>
        <legend className={props.hint ? undefined : 'visually-hidden'}>{props.legend}</legend>
        {props.hint && <p className="field-hint">{props.hint}</p>}
        <div className="radio-stack">
          {props.choices.map((c) => (
            <label key={c.value} className="radio">
              <input type="radio" name={props.name} value={c.value} checked={current === c.value} onChange={() => void choose(c.value)} />
              <span className="radio-text">
                <span>{c.label}</span>
                <span className="muted small">{c.detail}</span>
              </span>
            </label>
          ))}
        </div>
      </fieldset>
      {saved && (
        <span className="saved" role="status">
          <Icon name="check" /> Saved
        </span>
      )}
    </Card>
  );
}
