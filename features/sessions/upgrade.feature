@sessions @sessions-upgrade
Feature: Upgrading to a revocable session
  Sessions whose tokens can be revoked replaced the legacy sessions of old
  apps; a session made by upgrading a legacy token has the `createdWith`
  action `upgrade`. `POST /upgradeToRevocableSession` makes such a session
  for the caller's user and answers it. Every token a current server
  issues is already revocable; upgrading one still answers a new session
  of the same user. Without a session token there is no user to upgrade.

  Source: Parse REST API guide, Sessions, "Session Properties"
  (`createdWith`) and "Handling Invalid Session Token Error".

  Background:
    Given the client uses the application id and the REST API key

  @id.sessions.upgrade-revocable
  Scenario: Upgrading a revocable session answers a new session made with action upgrade
    # Parse Server 9.10 on PostgreSQL answers 500: after creating the
    # session it deletes the user's legacy token column, which PostgreSQL
    # does not have.
    Given a user cooldude6 signed up with password "p_n7!-e8"
    And the client uses the session token of cooldude6
    When the client sends POST /upgradeToRevocableSession
    Then the response status is 200
    And the response body matches the schema "session"
    And the response body contains:
      """
      {
        "user": {"__type": "Pointer", "className": "_User", "objectId": "{{cooldude6.objectId}}"},
        "createdWith": {"action": "upgrade"}
      }
      """
    And the response field "sessionToken" starts with "r:"

  @id.sessions.upgrade-without-token
  Scenario: Upgrading without a session token is refused with code 101
    When the client sends POST /upgradeToRevocableSession
    Then the response status is 404
    And the response is the Parse error 101 "invalid session"

  @id.sessions.upgrade-invalid-token
  Scenario: Upgrading with a token no session has is refused with code 209
    Given the client uses a session token that does not exist
    When the client sends POST /upgradeToRevocableSession
    Then the response status is 400
    And the response is the Parse error 209 "Invalid session token"
