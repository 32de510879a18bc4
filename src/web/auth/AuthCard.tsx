/** The centred card of the sign-in page, shared by the invitation, reset and forgot-password pages. */
import type { FormEvent, ReactNode } from 'react';
import './auth.css';

export function AuthCard({ title, children, onSubmit }: { title: string; children: ReactNode; onSubmit?: (e: FormEvent) => void }) {
  const body = (
    <>
      <div className="login-brand">
        <span className="brand-mark" aria-hidden="true">A</span>
        <span className="brand-name">Aesthetix</span>
      </div>
      <h1 id="auth-card-title">{title}</h1>
      {children}
    </>
  );
  return (
    <div className="login-screen">
      {onSubmit ? (
        <form className="login-card" onSubmit={onSubmit} noValidate aria-labelledby="auth-card-title">
          {body}
        </form>
      ) : (
        <section className="login-card" aria-labelledby="auth-card-title">
          {body}
        </section>
      )}
    </div>
  );
}

/** A refused or failed link: what happened, and the way back to signing in. */
export function LinkProblem({ title, message }: { title: string; message: string }) {
  return (
    <AuthCard title={title}>
      <p className="auth-text" role="alert">
        {message}
      </p>
      <a className="button block" href="/">
        Go to sign in
      </a>
    </AuthCard>
  );
}
