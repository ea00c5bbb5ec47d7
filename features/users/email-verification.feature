@users @verifying-emails @email-verification
Feature: Verifying emails
  An application can ask the server to verify users' email addresses.
  Verification adds the `emailVerified` field to users. When a user's
  `email` is set (at sign-up) or modified, `emailVerified` becomes `false`
  and the server emails the user a link; following that link sets
  `emailVerified` to `true`. So `emailVerified` has three states:

  - `true`: the user followed the link. A user can never have `true` when
    the account is first created.
  - `false`: the user has not followed the link yet (as of the last time the
    user object was read).
  - missing: the user has no `email` (or was created while verification was
    off).

  A new link can be asked for with `POST /verificationEmailRequest` and the
  `email` in the body; no mail is sent to an address that is already verified.

  These scenarios need a target that verifies emails (capability
  `email-verification`); those that read the mail also need the suite to
  read the target's mail (capability `email`: an SMTP sink the target sends
  to, or a mailbox API). A link is recognised as the link of Parse's
  verification page, `/apps/APP_ID/verify_email`.

  Source: Parse REST API guide, Users, "Signing Up" and "Verifying Emails".

  Background:
    Given the client uses the application id and the REST API key

  @id.verify-email.false-after-sign-up
  Scenario: A user who signs up with an email starts with emailVerified false
    Given a user cooldude6 signed up with:
      """
      {"password": "p_n7!-e8", "email": "{{cooldude6}}@example.com"}
      """
    And the client uses the session token of cooldude6
    When the client sends GET /users/me
    Then the response status is 200
    And the response body contains:
      """
      {"email": "{{cooldude6}}@example.com", "emailVerified": false}
      """

  @id.verify-email.missing-without-email
  Scenario: A user without an email has no emailVerified field
    Given a user cooldude6 signed up with password "p_n7!-e8"
    And the client uses the session token of cooldude6
    When the client sends GET /users/me
    Then the response status is 200
    And the response body has no field "emailVerified"

  @id.verify-email.missing-when-verification-is-off @no-email-verification
  Scenario: A user created while verification is off has no emailVerified field, even with an email
    Given the client talks to the target's instance for "no-email-verification"
    And a user cooldude6 signed up with:
      """
      {"password": "p_n7!-e8", "email": "{{cooldude6}}@example.com"}
      """
    And the client uses the session token of cooldude6
    When the client sends GET /users/me
    Then the response status is 200
    And the response body contains:
      """
      {"email": "{{cooldude6}}@example.com"}
      """
    And the response body has no field "emailVerified"

  @id.verify-email.never-true-at-creation
  Scenario: A client cannot create a user whose emailVerified is already true
    # The guide says only that a new user never has `true`; Parse Server
    # refuses the field from clients with code 119 (OPERATION_FORBIDDEN).
    When the client sends POST /users with body:
      """
      {"username": "{{cooldude6}}", "password": "p_n7!-e8", "email": "{{cooldude6}}@example.com", "emailVerified": true}
      """
    Then the response status is 400
    And the response is a Parse error with code 119

  @id.verify-email.link-on-sign-up @email
  Scenario: Signing up with an email sends a link that sets emailVerified to true
    Given a user cooldude6 signed up with:
      """
      {"password": "p_n7!-e8", "email": "{{cooldude6}}@example.com"}
      """
    Then {{cooldude6}}@example.com receives an email with a link to verify the email
    # The page behind the link is the server's own, not the guide's: Parse
    # Server 9 answers it with 200, Parse Server 8's default pages with a
    # redirect (302) to verify_email_success.html.
    When the client follows the link in the email
    Given the client uses the session token of cooldude6
    When the client sends GET /users/me
    Then the response body contains:
      """
      {"emailVerified": true}
      """

  @id.verify-email.email-change @email
  Scenario: Changing the email sets emailVerified to false and sends a link to the new address
    Given a user cooldude6 signed up with:
      """
      {"password": "p_n7!-e8", "email": "{{cooldude6}}@example.com"}
      """
    And {{cooldude6}}@example.com receives an email with a link to verify the email
    And the client follows the link in the email
    And the client uses the session token of cooldude6
    When the client sends PUT /users/{{cooldude6.objectId}} with body:
      """
      {"email": "{{cooldude6}}.new@example.com"}
      """
    Then the response status is 200
    When the client sends GET /users/me
    Then the response body contains:
      """
      {"email": "{{cooldude6}}.new@example.com", "emailVerified": false}
      """
    And {{cooldude6}}.new@example.com receives an email with a link to verify the email
    When the client follows the link in the email
    And the client sends GET /users/me
    Then the response body contains:
      """
      {"email": "{{cooldude6}}.new@example.com", "emailVerified": true}
      """

  @id.verify-email.request-sends-link @email
  Scenario: POST /verificationEmailRequest answers {} and sends a new link
    Given a user cooldude6 signed up with:
      """
      {"password": "p_n7!-e8", "email": "{{cooldude6}}@example.com"}
      """
    And {{cooldude6}}@example.com receives an email with a link to verify the email
    When the client sends POST /verificationEmailRequest with body:
      """
      {"email": "{{cooldude6}}@example.com"}
      """
    Then the response status is 200
    And the response body is:
      """
      {}
      """
    And {{cooldude6}}@example.com receives an email with a link to verify the email
    When the client follows the link in the email
    Given the client uses the session token of cooldude6
    When the client sends GET /users/me
    Then the response body contains:
      """
      {"emailVerified": true}
      """

  @id.verify-email.request-already-verified @email
  Scenario: No verification email is sent to an address that is already verified
    # The guide: "a verification email will not be sent if the email has
    # already been successfully verified". It does not say what the request
    # answers; Parse Server answers {} (emailVerifySuccessOnInvalidEmail,
    # default true), so that the answer does not tell which addresses exist.
    Given a user cooldude6 signed up with:
      """
      {"password": "p_n7!-e8", "email": "{{cooldude6}}@example.com"}
      """
    And {{cooldude6}}@example.com receives an email with a link to verify the email
    And the client follows the link in the email
    When the client sends POST /verificationEmailRequest with body:
      """
      {"email": "{{cooldude6}}@example.com"}
      """
    Then the response status is 200
    And the response body is:
      """
      {}
      """
    And {{cooldude6}}@example.com receives no email

  @id.verify-email.request-unknown-email @email
  Scenario: A verification request for an address no user has answers as for a known one and sends nothing
    # GHSA-w54v-hf9p-8856: the answer must not reveal whether an account
    # exists. The guide is silent; Parse Server answers {}.
    When the client sends POST /verificationEmailRequest with body:
      """
      {"email": "{{nobody}}@example.com"}
      """
    Then the response status is 200
    And the response body is:
      """
      {}
      """
    And {{nobody}}@example.com receives no email

  @id.verify-email.request-missing-email
  Scenario: A verification request without an email is refused with code 204
    When the client sends POST /verificationEmailRequest with body:
      """
      {}
      """
    Then the response status is 400
    And the response is the Parse error 204 "you must provide an email"

  @id.verify-email.forged-token @email
  Scenario: A verification link with a token the server never sent verifies nothing
    Given a user cooldude6 signed up with:
      """
      {"password": "p_n7!-e8", "email": "{{cooldude6}}@example.com"}
      """
    And {{cooldude6}}@example.com receives an email with a link to verify the email
    And the token in the link is replaced by one the server never sent
    When the client follows the link in the email
    Given the client uses the session token of cooldude6
    When the client sends GET /users/me
    Then the response body contains:
      """
      {"emailVerified": false}
      """

  @id.verify-email.token-must-be-a-string
  Scenario: A verification link whose token is a query operator verifies nothing
    # GHSA-vgjh-hmwf-c588: a token given as `token[$ne]=x` must not match
    # any user's token (NoSQL injection through the verification page).
    Given a user cooldude6 signed up with:
      """
      {"password": "p_n7!-e8", "email": "{{cooldude6}}@example.com"}
      """
    When the client sends GET /apps/{{app_id}}/verify_email?token[$ne]=x
    Given the client uses the session token of cooldude6
    When the client sends GET /users/me
    Then the response body contains:
      """
      {"emailVerified": false}
      """

  @id.verify-email.prevent-login-unverified @email @prevent-login-unverified
  Scenario: With login reserved for verified emails, a user logs in only after following the link
    # Parse Server's option preventLoginWithUnverifiedEmail (the guide's
    # "reserve part of its experience for users with confirmed email
    # addresses"): signing up opens no session, and a login before the email
    # is verified is refused with code 205. The option changes every sign-up,
    # so the target runs it on an instance of its own (see the profile).
    Given the client talks to the target's instance for "prevent-login-unverified"
    When the client sends POST /users with body:
      """
      {"username": "{{cooldude6}}", "password": "p_n7!-e8", "email": "{{cooldude6}}@example.com"}
      """
    Then the response status is 201
    And the response body has no field "sessionToken"
    When cooldude6 logs in with password "p_n7!-e8"
    Then the response status is 400
    And the response is the Parse error 205 "User email is not verified."
    And {{cooldude6}}@example.com receives an email with a link to verify the email
    When the client follows the link in the email
    Then cooldude6 can log in with password "p_n7!-e8"
