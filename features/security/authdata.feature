@security @security-authdata
Feature: Linked accounts cannot be abused to sign up, log in or be read
  Regressions of Parse Server security advisories about `authData`: data
  that holds no credentials does not replace a username and password, an
  id must be a plain string (a query operator in its place would match
  someone else's account), and a user's linked accounts and session token
  are never shown to anyone but that user.

  Source: Parse REST API guide, Users, "Linking Users" and "User Security";
  Parse Server security advisories (GitHub Security Advisories, named in a
  comment above each scenario).

  Background:
    Given the client uses the application id and the REST API key

  # GHSA-wjqw-r9x4-j59v: empty authData bypassed the username and password
  # requirement on sign-up.
  Scenario Outline: Sign-up with authData that holds no credentials still needs a username: <body>
    When the client sends POST /users with body:
      """
      <body>
      """
    Then the response status is 400
    And the response is the Parse error 200 "bad or missing username"
    And the response body has no field "sessionToken"

    @id.security.empty-auth-data
    Examples:
      | body             |
      | {"authData": {}} |

    @id.security.empty-provider-data
    Examples:
      | body                            |
      | {"authData": {"anonymous": {}}} |

  # GHSA-5fw2-8jcv-xh87: a query operator in authData.<provider>.id matched
  # an existing user's account and logged in as that user.
  Scenario Outline: A query operator as a linked account's id is refused with code 162: <operator>
    When the client sends POST /users with body:
      """
      {"authData": {"anonymous": {"id": "{{victim}}"}}}
      """
    Then the response status is 201
    When the client sends POST /users with body:
      """
      {"authData": {"anonymous": {"id": <operator>}}}
      """
    Then the response status is 400
    And the response is the Parse error 162 "Invalid authData id for provider 'anonymous'."
    And the response body has no field "sessionToken"

    @id.security.auth-id-ne
    Examples:
      | operator        |
      | {"$ne": null}   |

    @id.security.auth-id-regex
    Examples:
      | operator          |
      | {"$regex": ".*"}  |

  @id.security.others-never-see-auth-data-or-token
  Scenario: Another user reading a public user sees neither its linked accounts nor its session token
    Given a user alice signed up with:
      """
      {"password": "p_n7!-e8", "authData": {"anonymous": {"id": "{{alice_device}}"}}, "ACL": {"*": {"read": true}}}
      """
    And a user bob signed up with password "p_n7!-e8"
    And the client uses the session token of bob
    When the client sends GET /users/{{alice.objectId}}
    Then the response status is 200
    And the response body contains:
      """
      {"objectId": "{{alice.objectId}}", "username": "{{alice}}"}
      """
    And the response body has no field "authData"
    And the response body has no field "sessionToken"

  @id.security.query-never-shows-auth-data-or-token
  Scenario: A query by another user returns a public user without its linked accounts or session token
    Given a user alice signed up with:
      """
      {"password": "p_n7!-e8", "authData": {"anonymous": {"id": "{{alice_device}}"}}, "ACL": {"*": {"read": true}}}
      """
    And a user bob signed up with password "p_n7!-e8"
    And the client uses the session token of bob
    When the client queries /users with:
      | where | {"username": "{{alice}}"} |
    Then the results are the users "alice", in any order
    And no result has the field "authData"
    And no result has the field "sessionToken"
