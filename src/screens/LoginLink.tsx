// A link to the login page that starts downloading it as soon as the reader shows intent
// (pointer over it, focus, touch), so following it does not wait for the download.
import type { ComponentPropsWithRef } from 'react';
import { Link } from 'react-router-dom';
import { LoginPage } from './pages.ts';

const preload = () => void LoginPage.preload();

export function LoginLink(props: ComponentPropsWithRef<typeof Link>) {
  return <Link {...props} onPointerEnter={preload} onFocus={preload} onTouchStart={preload} />;
}
