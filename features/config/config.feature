@config
Feature: The app's config
  An app keeps one set of named parameters on the server (a welcome
  message, a feature switch, a number), which every client reads with
  `GET /config` as `{"params": {…}}`. Only the master key changes them: a
  `PUT /config` with `{"params": {…}}` sets the parameters it names,
  leaves every other one as it was, and answers `{"result": true}`; a
  parameter whose value is `{"__op": "Delete"}` is removed. A parameter
  flagged in `masterKeyOnly` on the same request is hidden from clients:
  only the master key reads it.

  The config is global to the app, so each scenario names its own
  parameters and looks only at them, and deletes them at the end.

  Source: Parse REST API guide, Config; `masterKeyOnly` and deleting a
  parameter as Parse Server does them (the guide is silent on both).

  Background:
    Given the client uses the application id and the REST API key

  @id.config.client-reads-params
  Scenario: A client reads the parameters the master key set, under params
    Given the master key set the config to:
      """
      {"params": {"{{welcomeMessage}}": "Welcome to The Internet!", "{{winningNumber}}": 42}}
      """
    Then the client reads the config parameters:
      """
      {"{{welcomeMessage}}": "Welcome to The Internet!", "{{winningNumber}}": 42}
      """
    And the master key deletes the config parameters "{{welcomeMessage}}, {{winningNumber}}"

  @id.config.put-answers-result
  Scenario: Updating the config with the master key answers {"result": true}
    Given the client uses the master key
    When the client sends PUT /config with body:
      """
      {"params": {"{{winningNumber}}": 43}}
      """
    Then the response status is 200
    And the response body is:
      """
      {"result": true}
      """
    And the client reads the config parameters:
      """
      {"{{winningNumber}}": 43}
      """
    And the master key deletes the config parameters "{{winningNumber}}"

  @id.config.put-needs-master-key
  Scenario: A client without the master key cannot change the config: HTTP 403 and nothing set
    When the client sends PUT /config with body:
      """
      {"params": {"{{winningNumber}}": 43}}
      """
    Then the response status is 403
    And the response body is:
      """
      {"error": "Permission denied"}
      """
    And the master key reads no config parameter "{{winningNumber}}"

  @id.config.put-needs-master-key-not-session
  Scenario: A logged-in user cannot change the config either
    Given a user alice signed up with password "p_n7!-e8"
    And the client uses the session token of alice
    When the client sends PUT /config with body:
      """
      {"params": {"{{winningNumber}}": 43}}
      """
    Then the response status is 403
    And the master key reads no config parameter "{{winningNumber}}"

  @id.config.put-merges
  Scenario: Setting some parameters leaves the others as they were
    Given the master key set the config to:
      """
      {"params": {"{{welcomeMessage}}": "Hello", "{{winningNumber}}": 42}}
      """
    And the master key set the config to:
      """
      {"params": {"{{winningNumber}}": 43}}
      """
    Then the client reads the config parameters:
      """
      {"{{welcomeMessage}}": "Hello", "{{winningNumber}}": 43}
      """
    And the master key deletes the config parameters "{{welcomeMessage}}, {{winningNumber}}"

  @id.config.value-types
  Scenario: A parameter holds any JSON value and is read back as it was set
    Given the master key set the config to:
      """
      {"params": {
        "{{flags}}": {"beta": true, "levels": [1, 2, {"max": 9}]},
        "{{launch}}": {"__type": "Date", "iso": "2011-08-21T18:02:52.249Z"},
        "{{ratio}}": 0.25,
        "{{tags}}": ["a", "b"]
      }}
      """
    Then the client reads the config parameters:
      """
      {
        "{{flags}}": {"beta": true, "levels": [1, 2, {"max": 9}]},
        "{{launch}}": {"__type": "Date", "iso": "2011-08-21T18:02:52.249Z"},
        "{{ratio}}": 0.25,
        "{{tags}}": ["a", "b"]
      }
      """
    And the master key deletes the config parameters "{{flags}}, {{launch}}, {{ratio}}, {{tags}}"

  @id.config.delete-parameter
  Scenario: A parameter set to {"__op": "Delete"} is removed, the others stay
    Given the master key set the config to:
      """
      {"params": {"{{welcomeMessage}}": "Hello", "{{winningNumber}}": 42}}
      """
    When the master key deletes the config parameters "{{welcomeMessage}}"
    Then the client reads no config parameter "{{welcomeMessage}}"
    And the master key reads no config parameter "{{welcomeMessage}}"
    And the client reads the config parameters:
      """
      {"{{winningNumber}}": 42}
      """
    And the master key deletes the config parameters "{{winningNumber}}"

  @id.config.master-key-only-hidden
  Scenario: A master-key-only parameter is hidden from clients and read with the master key
    Given the master key set the config to:
      """
      {"params": {"{{launchCode}}": "s3cr3t-launch-code", "{{welcomeMessage}}": "Hello"},
       "masterKeyOnly": {"{{launchCode}}": true}}
      """
    Then the client reads no config parameter "{{launchCode}}"
    And the response body does not contain "s3cr3t-launch-code"
    And the client reads the config parameters:
      """
      {"{{welcomeMessage}}": "Hello"}
      """
    And the master key reads the config parameters:
      """
      {"{{launchCode}}": "s3cr3t-launch-code", "{{welcomeMessage}}": "Hello"}
      """
    And the master key deletes the config parameters "{{launchCode}}, {{welcomeMessage}}"

  @id.config.master-key-only-hidden-from-users
  Scenario: A master-key-only parameter is hidden from logged-in users too
    Given the master key set the config to:
      """
      {"params": {"{{launchCode}}": "s3cr3t-launch-code"}, "masterKeyOnly": {"{{launchCode}}": true}}
      """
    And a user alice signed up with password "p_n7!-e8"
    And the client uses the session token of alice
    Then the client reads no config parameter "{{launchCode}}"
    And the response body does not contain "s3cr3t-launch-code"
    And the master key deletes the config parameters "{{launchCode}}"

  # The flag is part of each update: Parse Server records masterKeyOnly for
  # every parameter a PUT names, false when the PUT does not flag it.
  @id.config.master-key-only-restated
  Scenario: An update that does not flag a parameter master-key-only again makes it public
    Given the master key set the config to:
      """
      {"params": {"{{launchCode}}": "old"}, "masterKeyOnly": {"{{launchCode}}": true}}
      """
    And the master key set the config to:
      """
      {"params": {"{{launchCode}}": "new"}}
      """
    Then the client reads the config parameters:
      """
      {"{{launchCode}}": "new"}
      """
    And the master key deletes the config parameters "{{launchCode}}"

  # GHSA-q342-9w2p-57fp: the keyword denylist applies to every request body.
  @id.config.prohibited-keyword
  Scenario: A parameter holding a nested constructor key is refused with code 105
    Given the client uses the master key
    When the client sends PUT /config with body:
      """
      {"params": {"{{settings}}": {"constructor": {"prototype": {"admin": true}}}}}
      """
    Then the response status is 400
    And the response body is:
      """
      {"code": 105, "error": "Prohibited keyword in request data: {\"key\":\"constructor\"}."}
      """
    And the master key reads no config parameter "{{settings}}"
