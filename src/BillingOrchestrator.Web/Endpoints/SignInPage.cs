namespace BillingOrchestrator.Web.Endpoints;

/// <summary>The one page open to anonymous users: a sign-in form that sets the auth cookie and returns to where the user was going.</summary>
public static class SignInPage
{
    private const string Html = """
    <!doctype html>
    <html lang="en">
    <head>
      <meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
      <title>Sign in · BillingOrchestrator</title>
      <style>
        body { font-family: system-ui, sans-serif; background: #f4f6f8; display: grid; place-items: center; min-height: 100vh; margin: 0; }
        form { background: #fff; padding: 2rem; border-radius: 8px; box-shadow: 0 1px 4px rgba(0,0,0,.15); width: 20rem; }
        h1 { font-size: 1.25rem; margin: 0 0 1rem; }
        label { display: block; margin: .75rem 0 .25rem; font-size: .9rem; }
        input { width: 100%; padding: .5rem; box-sizing: border-box; border: 1px solid #bbb; border-radius: 4px; }
        button { margin-top: 1.25rem; width: 100%; padding: .6rem; background: #1565c0; color: #fff; border: 0; border-radius: 4px; font-size: 1rem; }
        #error { color: #b00020; margin-top: .75rem; min-height: 1.2em; font-size: .9rem; }
      </style>
    </head>
    <body>
      <form id="signin">
        <h1>BillingOrchestrator</h1>
        <label for="email">Email</label><input id="email" type="email" autocomplete="username" required autofocus>
        <label for="password">Password</label><input id="password" type="password" autocomplete="current-password" required>
        <button type="submit">Sign in</button>
        <div id="error" role="alert"></div>
      </form>
      <script>
        document.getElementById('signin').addEventListener('submit', async e => {
          e.preventDefault();
          const response = await fetch('/api/auth/login', { method: 'POST', headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ email: document.getElementById('email').value, password: document.getElementById('password').value }) });
          if (response.ok) {
            const target = new URLSearchParams(location.search).get('ReturnUrl');
            location.href = target && target.startsWith('/') && !target.startsWith('//') ? target : '/scalar/';
          } else {
            const problem = await response.json().catch(() => ({}));
            document.getElementById('error').textContent = problem.detail || 'Sign-in failed.';
          }
        });
      </script>
    </body>
    </html>
    """;

    public static IEndpointRouteBuilder MapSignInPage(this IEndpointRouteBuilder app)
    {
        app.MapGet("/login", () => Results.Content(Html, "text/html; charset=utf-8")).AllowAnonymous().ExcludeFromDescription();
        app.MapGet("/", () => Results.Redirect("/scalar/")).ExcludeFromDescription();
        return app;
    }
}
