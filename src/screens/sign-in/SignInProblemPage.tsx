// Where a sign-in with Example ID that did not complete lands (/account/sign-in-problem?reason=…):
// what happened, in Lede's words, a new try and another way in. The server chose the reason.
import { Link, useSearchParams } from 'react-router-dom';
import { exampleIdStartPath, SIGN_IN_PROBLEMS, type SignInProblem } from '../../config/account-paths.ts';
import { toLoginPath, toReturnPath } from '../../client-state/return-path.ts';

const WHAT_HAPPENED: Record<SignInProblem, string> = {
  'access-denied': 'Example ID did not let Lede see your account, so you are not logged in. Nothing was shared.',
  'state-mismatch':
    'This sign-in did not start in this browser, or it was started again since (in another tab, perhaps). Lede stopped it to keep your account safe.',
  'code-expired': 'The sign-in took too long: Example ID’s answer expired before it reached Lede.',
  'code-used': 'Example ID’s answer had already been used once. Lede stopped the sign-in to keep your account safe.',
  'email-unverified':
    'Example ID has not verified the email address of that account, so Lede cannot tell that the address is yours.',
  'account-locked': 'The Lede account with that email address is locked.',
  'provider-error': 'Example ID could not complete the sign-in.',
};

function toProblem(reason: string | null): SignInProblem | undefined {
  return SIGN_IN_PROBLEMS.find((problem) => problem === reason);
}

export function SignInProblemPage() {
  const [searchParams] = useSearchParams();
  const problem = toProblem(searchParams.get('reason'));
  const returnPath = toReturnPath(searchParams.get('next'));
  return (
    <section className="login" aria-labelledby="sign-in-problem-heading">
      <title>Not logged in — Lede</title>
      <h1 id="sign-in-problem-heading">You are not logged in</h1>
      <p>{problem === undefined ? 'The sign-in with Example ID did not complete.' : WHAT_HAPPENED[problem]}</p>
      <p className="gate__actions">
        {/* A plain link: a new attempt starts on the server, which sends the browser to Example ID. */}
        <a className="button" href={exampleIdStartPath(returnPath)}>
          Try again with Example ID
        </a>
      </p>
      <p>
        <Link to={toLoginPath(returnPath)}>Log in another way</Link>
      </p>
    </section>
  );
}
