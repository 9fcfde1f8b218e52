import type { ReactNode } from 'react';
import type { TokenScope } from '../../gql/graphql';
import { SCOPE_LABEL } from '../../lib/token-scopes';
import { Button } from '../../ui/components';

/**
 * One credential in a settings list (a personal access token, an authorized app): its name, the
 * scopes it carries in words, when it was made and used, and a Revoke button naming it.
 */
export function RevocableItem({
  name,
  scopes,
  details,
  testId,
  onRevoke,
}: {
  name: string;
  scopes: TokenScope[];
  details: ReactNode;
  testId: string;
  onRevoke: () => void;
}) {
  return (
    <li data-testid={testId}>
      <span className="setting-item-main">
        <strong>{name}</strong>
        <span className="small">{scopes.map((s) => SCOPE_LABEL[s] ?? s).join(', ')}</span>
        <span className="muted small">{details}</span>
      </span>
      <Button size="sm" variant="secondary" onClick={onRevoke} aria-label={`Revoke ${name}`}>
        Revoke
      </Button>
    </li>
  );
}
