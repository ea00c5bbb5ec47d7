@sessions @sessions-security
Feature: Sessions stay with their user, whatever path reaches them
  A session is reachable only by its own user (and the master key), not
  only through `/sessions` but through every path that can lead to an
  object: a pointer followed with `include` and the class `_Session` under
  `/classes`. Another user following a pointer to someone's session gets
  nothing of it, least of all its token.

  Source: Parse REST API guide, Sessions, "Session Security", and Objects,
  "Relational Data" (`include`); Parse Server security advisories (named in
  a comment above each scenario).

  Background:
    Given the client uses the application id and the REST API key

  # GHSA-fcv6-fg5r-jm9q: pointers to internal classes such as _Session let
  # clients read them through include, around the class's own rules.
  @id.sessions.include-foreign-session
  Scenario: Including a pointer to another user's session reveals nothing of it
    Given the class Device exists
    And a user cooldude6 signed up with password "p_n7!-e8"
    And the current session of cooldude6 is known as phone
    And cooldude6 created the object tablet of class Device with:
      """
      {"session": {"__type": "Pointer", "className": "_Session", "objectId": "{{phone.objectId}}"}}
      """
    And a user bigglesworth signed up with password "p_n7!-e8"
    And the client uses the session token of bigglesworth
    When the client queries /classes/{{Device}}/{{tablet.objectId}} with:
      | include | session |
    Then the response status is 200
    And the response carries no session token of cooldude6
    And the response body does not contain "createdWith"

  # GHSA-fcv6-fg5r-jm9q, the grant beside the denial: the session's own
  # user follows the same pointer to its session.
  @id.sessions.include-own-session
  Scenario: Including a pointer to one's own session returns it
    Given the class Device exists
    And a user cooldude6 signed up with password "p_n7!-e8"
    And the current session of cooldude6 is known as phone
    And cooldude6 created the object tablet of class Device with:
      """
      {"session": {"__type": "Pointer", "className": "_Session", "objectId": "{{phone.objectId}}"}}
      """
    And the client uses the session token of cooldude6
    When the client queries /classes/{{Device}}/{{tablet.objectId}} with:
      | include | session |
    Then the response status is 200
    And the response body contains:
      """
      {"session": {"objectId": "{{phone.objectId}}", "createdWith": {"action": "signup"}}}
      """

  # GHSA-6r2j-cxgf-495f: a find with redirectClassNameForKey naming a
  # relation to _Session listed the sessions it held, tokens included, to
  # any caller.
  @id.sessions.redirect-to-foreign-sessions
  Scenario: A relation to another user's session does not list it through redirectClassNameForKey
    Given the class Device exists
    And a user cooldude6 signed up with password "p_n7!-e8"
    And the current session of cooldude6 is known as phone
    And cooldude6 created the object tablet of class Device with:
      """
      {"sessions": {"__op": "AddRelation", "objects": [{"__type": "Pointer", "className": "_Session", "objectId": "{{phone.objectId}}"}]}}
      """
    And a user bigglesworth signed up with password "p_n7!-e8"
    And the current session of bigglesworth is known as mine
    And the client uses the session token of bigglesworth
    When the client queries /classes/{{Device}} with:
      | redirectClassNameForKey | sessions |
    Then the response status is 200
    And the response carries no session token of cooldude6
    And the results are the objects "mine", in any order

  # GHSA-6r2j-cxgf-495f, without a session: no session at all is listed.
  @id.sessions.redirect-without-token
  Scenario: Without a session token a relation to sessions lists nothing: code 209
    Given the class Device exists
    And a user cooldude6 signed up with password "p_n7!-e8"
    And the current session of cooldude6 is known as phone
    And cooldude6 created the object tablet of class Device with:
      """
      {"sessions": {"__op": "AddRelation", "objects": [{"__type": "Pointer", "className": "_Session", "objectId": "{{phone.objectId}}"}]}}
      """
    When the client queries /classes/{{Device}} with:
      | redirectClassNameForKey | sessions |
    Then the response status is 400
    And the response is the Parse error 209 "Permission denied"
    And the response carries no session token of cooldude6
