@users @password-reset @email
Feature: Requesting a password reset
  Users who have an email can reset a forgotten password. A client sends
  `POST /requestPasswordReset` with the `email` in the body; the answer is
  an empty JSON object, and the server emails the user a link to a page
  where the user chooses a new password. From then on the new password logs
  in and the old one does not.

  The suite reads the target's mail (capability `email`), follows the link
  as a browser would, and fills in the page's form. A link is recognised as
  the link of Parse's reset page, `/apps/APP_ID/request_password_reset`.

  Source: Parse REST API guide, Users, "Requesting A Password Reset".

  Background:
    Given the client uses the application id and the REST API key
    And a user cooldude6 signed up with:
      """
      {"password": "p_n7!-e8", "email": "{{cooldude6}}@example.com"}
      """

  @id.password-reset.request
  Scenario: POST /requestPasswordReset answers an empty object and mails the user a link
    When the client sends POST /requestPasswordReset with body:
      """
      {"email": "{{cooldude6}}@example.com"}
      """
    Then the response status is 200
    And the response body is:
      """
      {}
      """
    And {{cooldude6}}@example.com receives an email with a link to reset the password

  @id.password-reset.new-password-logs-in
  Scenario: After the reset the new password logs in and the old one does not
    When the client sends POST /requestPasswordReset with body:
      """
      {"email": "{{cooldude6}}@example.com"}
      """
    Then {{cooldude6}}@example.com receives an email with a link to reset the password
    When the client chooses the new password "n3w-p_n7!-e8" on the page of the link in the email
    Then cooldude6 can log in with password "n3w-p_n7!-e8"
    When cooldude6 logs in with password "p_n7!-e8"
    Then the response status is 404
    And the response is the Parse error 101 "Invalid username/password."

  @id.password-reset.link-works-once
  Scenario: A reset link works only once
    # GHSA-r3xq-68wh-gwvh: a reset token must not be usable twice.
    When the client sends POST /requestPasswordReset with body:
      """
      {"email": "{{cooldude6}}@example.com"}
      """
    Then {{cooldude6}}@example.com receives an email with a link to reset the password
    When the client chooses the new password "n3w-p_n7!-e8" on the page of the link in the email
    And the client tries to choose the new password "other-p_n7!-e8" on the page of the link in the email
    Then cooldude6 can log in with password "n3w-p_n7!-e8"
    When cooldude6 logs in with password "other-p_n7!-e8"
    Then the response status is 404
    And the response is the Parse error 101 "Invalid username/password."

  @id.password-reset.link-works-once-under-concurrency @races
  Scenario: A reset link submitted by several clients at the same time sets one password
    # GHSA-r3xq-68wh-gwvh: concurrent submissions could each use the token.
    # Three clients: trying the passwords costs up to two failed logins,
    # below the lockout threshold of the targets (three).
    When the client sends POST /requestPasswordReset with body:
      """
      {"email": "{{cooldude6}}@example.com"}
      """
    Then {{cooldude6}}@example.com receives an email with a link to reset the password
    When 3 clients at the same time choose the new password "n3w-p_n7!-e8" followed by their number on the page of the link in the email, as XMLHttpRequests
    Then exactly one of those answers has status 200 and every other one is the Parse error -1 "Failed to reset password: username / email / token is invalid"
    And cooldude6 can log in with exactly one of the new passwords those clients chose

  @id.password-reset.email-change-voids-link
  Scenario: Changing the email makes a pending reset link useless
    When the client sends POST /requestPasswordReset with body:
      """
      {"email": "{{cooldude6}}@example.com"}
      """
    Then {{cooldude6}}@example.com receives an email with a link to reset the password
    Given the client uses the session token of cooldude6
    When the client sends PUT /users/{{cooldude6.objectId}} with body:
      """
      {"email": "{{cooldude6}}.moved@example.com"}
      """
    Then the response status is 200
    When the client tries to choose the new password "n3w-p_n7!-e8" on the page of the link in the email
    Then cooldude6 can log in with password "p_n7!-e8"

  @id.password-reset.missing-email
  Scenario: A reset request without an email is refused with code 204
    When the client sends POST /requestPasswordReset with body:
      """
      {}
      """
    Then the response status is 400
    And the response is the Parse error 204 "you must provide an email"

  @id.password-reset.unknown-email
  Scenario: A reset request for an address no user has answers an empty object too and sends nothing
    # The guide is silent. Parse Server answers {} for an unknown address
    # (passwordPolicy.resetPasswordSuccessOnInvalidEmail, default true), so
    # that the answer does not reveal which accounts exist.
    When the client sends POST /requestPasswordReset with body:
      """
      {"email": "{{nobody}}@example.com"}
      """
    Then the response status is 200
    And the response body is:
      """
      {}
      """
    And {{nobody}}@example.com receives no email

  @id.password-reset.forged-token
  Scenario: A reset page with a token the server never sent sets no password
    When the client sends POST /requestPasswordReset with body:
      """
      {"email": "{{cooldude6}}@example.com"}
      """
    Then {{cooldude6}}@example.com receives an email with a link to reset the password
    When the client submits the new password "n3w-p_n7!-e8" on the page of the link in the email with a token the server never sent
    Then cooldude6 can log in with password "p_n7!-e8"
    Given the token in the link is replaced by one the server never sent
    When the client tries to choose the new password "n3w-p_n7!-e8" on the page of the link in the email
    Then cooldude6 can log in with password "p_n7!-e8"

  @id.password-reset.page-escapes-the-token
  Scenario: The reset page shows no markup that came in its link
    # GHSA-jhgf-2h8h-ggxv: the reset and verification pages echoed link
    # parameters into HTML (cross-site scripting).
    When the client sends GET /apps/{{app_id}}/request_password_reset?token=%22%3E%3Cscript%3Ealert(1)%3C/script%3E
    Then the response body does not contain "<script>alert(1)</script>"
