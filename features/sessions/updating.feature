@sessions @sessions-updating
Feature: Updating sessions
  A session is updated like any object, with a PUT to its URL: a user may
  add its own fields to its own sessions. The fields the server keeps for
  itself are read-only for clients: the token, the user, how the session
  was made, when it expires, whether it is restricted, and the
  installation it was opened from once it has one. A PUT that names one of
  them is refused and changes nothing. A session's access rules cannot be
  changed either, and another user's session cannot be updated at all.

  Source: Parse REST API guide, Sessions, "Session Properties", "Updating
  Sessions" and "Session Security"; Parse Server security advisories
  (named in a comment above the scenarios that are their regressions).

  Background:
    Given the client uses the application id and the REST API key

  @id.sessions.update-custom-field
  Scenario: A user adds a field of its own to one of its sessions
    Given a user cooldude6 signed up with password "p_n7!-e8"
    And the current session of cooldude6 is known as phone
    And cooldude6 logs in with password "p_n7!-e8"
    And the client uses the session token of cooldude6
    When the client sends PUT /sessions/{{phone.objectId}} with body:
      """
      {"deviceName": "kitchen tablet"}
      """
    Then the response status is 200
    And the response body matches the schema "update-response"
    When the client sends GET /sessions/{{phone.objectId}}
    Then the response status is 200
    And the response body contains:
      """
      {"deviceName": "kitchen tablet", "createdWith": {"action": "signup", "authProvider": "password"}}
      """

  # GHSA-jc39-686j-wp6q: a PUT to a session overwrote the fields the server
  # sets (a user extended its own session's expiry or changed its user).
  Scenario Outline: A client cannot change the read-only field <field> of its session: code 105
    Given a user bigglesworth signed up with password "p_n7!-e8"
    And the client sends the header "X-Parse-Installation-Id" with "{{device}}"
    And a user cooldude6 signed up with password "p_n7!-e8"
    And the current session of cooldude6 is known as phone
    And the client uses the session token of cooldude6
    When the client sends PUT /sessions/{{phone.objectId}} with body:
      """
      {"<field>": <value>}
      """
    Then the response status is 400
    And the response is the Parse error 105 "Invalid key name: <field>"
    When the client sends GET /sessions/me
    Then the response status is 200
    And the response body contains:
      """
      {
        "sessionToken": "{{cooldude6.sessionToken}}",
        "user": {"__type": "Pointer", "className": "_User", "objectId": "{{cooldude6.objectId}}"},
        "createdWith": {"action": "signup", "authProvider": "password"},
        "installationId": "{{device}}"
      }
      """

    @id.sessions.update-session-token
    Examples:
      | field        | value              |
      | sessionToken | "r:{{chosen}}"     |

    @id.sessions.update-user
    Examples:
      | field | value                                                                           |
      | user  | {"__type": "Pointer", "className": "_User", "objectId": "{{bigglesworth.objectId}}"} |

    @id.sessions.update-created-with
    Examples:
      | field       | value                                            |
      | createdWith | {"action": "login", "authProvider": "anonymous"} |

    @id.sessions.update-expires-at
    Examples:
      | field     | value                                                  |
      | expiresAt | {"__type": "Date", "iso": "2099-01-01T00:00:00.000Z"}   |

    @id.sessions.update-installation-id
    Examples:
      | field          | value              |
      | installationId | "{{otherDevice}}"  |

  @id.sessions.update-restricted
  Scenario: A client cannot change whether its session is restricted: code 105
    # Parse Server 9.10 has no restricted sessions: it stores the field as a
    # custom one and answers 200.
    Given a user cooldude6 signed up with password "p_n7!-e8"
    And the current session of cooldude6 is known as phone
    And the client uses the session token of cooldude6
    When the client sends PUT /sessions/{{phone.objectId}} with body:
      """
      {"restricted": true}
      """
    Then the response status is 400
    And the response is the Parse error 105 "Invalid key name: restricted"

  @id.sessions.update-acl
  Scenario: A session's ACL cannot be set: code 105
    Given a user cooldude6 signed up with password "p_n7!-e8"
    And the current session of cooldude6 is known as phone
    And the client uses the session token of cooldude6
    When the client sends PUT /sessions/{{phone.objectId}} with body:
      """
      {"ACL": {"*": {"read": true, "write": true}}}
      """
    Then the response status is 400
    And the response is the Parse error 105 "Cannot set ACL on a Session."

  # GHSA-6w4q-23cf-j9jp: a user could update the fields of another user's
  # session.
  @id.sessions.update-foreign
  Scenario: Another user's session cannot be updated: code 101, and it is left as it was
    Given a user cooldude6 signed up with password "p_n7!-e8"
    And the current session of cooldude6 is known as phone
    And a user bigglesworth signed up with password "p_n7!-e8"
    And the client uses the session token of bigglesworth
    When the client sends PUT /sessions/{{phone.objectId}} with body:
      """
      {"deviceName": "stolen"}
      """
    Then the response status is 404
    And the response is the Parse error 101 "Object not found."
    Given the client uses the session token of cooldude6
    When the client sends GET /sessions/me
    Then the response status is 200
    And the response body has no field "deviceName"

  @id.sessions.update-without-token
  Scenario: Updating a session without a session token is refused with code 209
    Given a user cooldude6 signed up with password "p_n7!-e8"
    And the current session of cooldude6 is known as phone
    When the client sends PUT /sessions/{{phone.objectId}} with body:
      """
      {"deviceName": "stolen"}
      """
    Then the response status is 400
    And the response is the Parse error 209 "Session token required."
