@security @security-protected-fields
Feature: Protected and internal user fields cannot be queried
  A user's `email` is protected: other clients never see it, and they may
  not name it in a query either, since which users match a constraint, a
  pattern or a sort order would reveal it letter by letter. Such a query is
  refused with code 119 wherever the field appears. Internal fields, such
  as the password hash and the tokens the server keeps, are not fields a
  query may name at all (code 105). The master key may query by email.

  Source: Parse REST API guide, Users, "User Security" and "Querying";
  Parse Server security advisories (GitHub Security Advisories, named in a
  comment above each scenario); Parse Server's default `protectedFields`
  (`{"_User": {"*": ["email"]}}`).

  Background:
    Given the client uses the application id and the REST API key
    And a user alice signed up with password "p_n7!-e8"
    And the client uses the session token of alice

  Scenario Outline: A client query that names the protected email is refused with code 119: <how>
    When the client queries /users with:
      | <parameter> | <value> |
    Then the response status is 400
    And the response is the Parse error 119 "Permission denied"

    # GHSA-2m6g-crv8-p3c6: protected values guessed through query constraints.
    @id.security.email-where
    Examples: an equality constraint
      | how      | parameter | value                                  |
      | equality | where     | {"email": "{{someone}}@example.com"}   |

    # GHSA-2m6g-crv8-p3c6: protected values brute-forced with $regex.
    @id.security.email-regex
    Examples: a pattern
      | how    | parameter | value                        |
      | $regex | where     | {"email": {"$regex": "^a"}}  |

    # GHSA-72hp-qff8-4pvv: protected fields queryable inside $or, $and, $nor.
    @id.security.email-or
    Examples: inside $or
      | how | parameter | value                                                |
      | $or | where     | {"$or": [{"email": "{{someone}}@example.com"}]}      |

    # GHSA-72hp-qff8-4pvv.
    @id.security.email-and
    Examples: inside $and
      | how  | parameter | value                                                  |
      | $and | where     | {"$and": [{"email": {"$regex": "^a"}}]}                |

    # GHSA-72hp-qff8-4pvv.
    @id.security.email-nor
    Examples: inside $nor
      | how  | parameter | value                                               |
      | $nor | where     | {"$nor": [{"email": "{{someone}}@example.com"}]}    |

    # GHSA-r2m8-pxm9-9c4g: protected fields reached through dot notation.
    @id.security.email-dot-notation
    Examples: dot notation
      | how          | parameter | value            |
      | dot notation | where     | {"email.x": 1}   |

    # GHSA-r2m8-pxm9-9c4g: protected fields used as a sort order.
    @id.security.email-order
    Examples: a sort order
      | how   | parameter | value |
      | order | order     | email |

    # GHSA-r2m8-pxm9-9c4g.
    @id.security.email-order-descending
    Examples: a descending sort order
      | how          | parameter | value  |
      | order, minus | order     | -email |

  # Counterpart of the scenarios above (GHSA-2m6g-crv8-p3c6): the rule
  # hides the field from clients; it does not break the query for the master key.
  @id.security.email-master-key
  Scenario: The master key may query users by email
    Given the client uses the master key
    When the client queries /users with:
      | where | {"email": "{{someone}}@example.com"} |
    Then the response status is 200
    And there are no results

  # No advisory of its own: Parse Server's validateQuery refuses internal
  # fields, which closes the guessing of GHSA-2m6g-crv8-p3c6 for the
  # server's secrets (the password hash is covered by query.where-hashed-password).
  Scenario Outline: A query on an internal field is refused with code 105: <field>
    When the client queries /users with:
      | where | {"<field>": {"$exists": true}} |
    Then the response status is 400
    And the response is the Parse error 105 "Invalid key name: <field>"

    @id.security.where-session-token
    Examples:
      | field          |
      | _session_token |

    @id.security.where-perishable-token
    Examples:
      | field             |
      | _perishable_token |

    @id.security.where-email-verify-token
    Examples:
      | field               |
      | _email_verify_token |

    @id.security.where-failed-login-count
    Examples:
      | field               |
      | _failed_login_count |

    @id.security.where-lockout-expiry
    Examples:
      | field                       |
      | _account_lockout_expires_at |
