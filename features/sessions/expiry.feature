@sessions @sessions-expiry @session-length
Feature: Session expiry
  Every session has an `expiresAt` date, set when it is made from the
  server's session length (`sessionLength`, one year unless configured).
  Once that moment has passed, the session is gone: every request made
  with its token is refused with code 209, as for a deleted session.

  These scenarios run against an instance of the app whose sessions last
  a few seconds (capability `session-length`, whose profile entry gives
  its url and the length).

  Source: Parse REST API guide, Sessions, "Session Properties"
  (`expiresAt`) and "Handling Invalid Session Token Error".

  Background:
    Given the client uses the application id and the REST API key
    And the client talks to the target's instance for "session-length"

  @id.sessions.expires-at-session-length
  Scenario: A session expires the session length after it was made
    Given a user cooldude6 signed up with password "p_n7!-e8"
    And the client uses the session token of cooldude6
    When the client sends GET /sessions/me
    Then the response status is 200
    And the session in the response expires the session length after it was created

  Scenario Outline: An expired session's token is refused with code 209: <request>
    Given a user cooldude6 signed up with password "p_n7!-e8"
    And the client uses the session token of cooldude6
    When the session length has passed
    And the client sends <request>
    Then the response status is 400
    And the response is the Parse error 209 "Session token is expired."

    @id.sessions.expired-current-user
    Examples:
      | request       |
      | GET /users/me |

    @id.sessions.expired-write
    Examples:
      | request               |
      | POST /classes/{{Reading}} |

    @id.sessions.expired-sessions-list
    Examples:
      | request       |
      | GET /sessions |

  @id.sessions.expired-sessions-me
  Scenario: The current session of an expired token is gone: code 209
    # Parse Server 9.10 still answers GET /sessions/me with the expired
    # session (200): it looks the token up without checking expiresAt.
    Given a user cooldude6 signed up with password "p_n7!-e8"
    And the client uses the session token of cooldude6
    When the session length has passed
    And the client sends GET /sessions/me
    Then the response status is 400
    And the response is the Parse error 209 "Session token is expired."
