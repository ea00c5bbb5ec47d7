@acl
Feature: Access control lists and the master key
  Access through the REST API key can be restricted by ACL. An object's
  `ACL` field maps user objectIds, or `*` for the public, to permission
  objects such as `{"read": true, "write": true}`. A read the ACL does not
  allow looks like a read of an object that does not exist. The master key,
  sent in `X-Parse-Master-Key` or, for backward compatibility, as the
  password of HTTP Basic auth with the application id as user name, ignores
  all ACLs.

  Source: Parse REST API guide, Users, "User Security".

  Background:
    Given the client uses the application id and the REST API key
    And the class Note exists
    And a user alice signed up with password "p_n7!-e8"
    And a user bob signed up with password "p_n7!-e8"
    And the client uses the session token of alice
    When the client sends POST /classes/{{Note}} with body:
      """
      {"text": "alice only", "ACL": {"{{alice.objectId}}": {"read": true, "write": true}}}
      """
    Then the response status is 201
    Given the client sends no session token

  @id.acl.owner-reads
  Scenario: A user named in the ACL with read access reads the object
    Given the client uses the session token of alice
    When the client sends GET /classes/{{Note}}/{{response.objectId}}
    Then the response status is 200
    And the response body contains:
      """
      {"text": "alice only"}
      """

  @id.acl.public-gets-not-found
  Scenario: A client without a session gets code 101 for an object only a user may read
    When the client sends GET /classes/{{Note}}/{{response.objectId}}
    Then the response status is 404
    And the response is the Parse error 101 "Object not found."

  @id.acl.others-get-not-found
  Scenario: A user the ACL does not name gets code 101, as for a missing object
    Given the client uses the session token of bob
    When the client sends GET /classes/{{Note}}/{{response.objectId}}
    Then the response status is 404
    And the response is the Parse error 101 "Object not found."

  @id.acl.master-key-ignores-acl
  Scenario: The master key reads an object whatever its ACL
    Given the client uses the master key
    When the client sends GET /classes/{{Note}}/{{response.objectId}}
    Then the response status is 200
    And the response body contains:
      """
      {"text": "alice only"}
      """

  @id.acl.basic-auth-master-key
  Scenario: HTTP Basic auth with the application id and the master key gives master access
    Given the client authenticates with HTTP Basic auth as the application id and the master key
    When the client sends GET /classes/{{Note}}/{{response.objectId}}
    Then the response status is 200
    And the response body contains:
      """
      {"text": "alice only"}
      """

  @id.acl.wrong-master-key
  Scenario: A wrong master key gives no master access
    Given the client uses a wrong master key
    When the client sends GET /classes/{{Note}}/{{response.objectId}}
    Then the response status is 404
    And the response is the Parse error 101 "Object not found."
