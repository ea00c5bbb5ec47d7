@files
Feature: Uploading, serving and deleting files
  A file is uploaded with a POST to `/files/<name>`, the file's content as
  the body and its type as the `Content-Type`. The server answers
  `201 Created` with the file's URL in the `Location` header and a body of
  `{"name": …, "url": …}`: the name is the given one with a unique prefix,
  so two uploads of the same name never overwrite each other. The URL
  serves the content back, to anyone who has it, with the content type
  the file's name says. An object refers to an uploaded file with
  `{"__type": "File", "name": …, "url": …}`, and is read back with the url
  the server serves that name at (Parse Server keeps only the name, so a
  url pointing elsewhere is not kept). Only the master key deletes a
  file; its URL then answers 404. Clients may not upload files a browser
  would run as a page (security/file-uploads.feature); the master key may.

  Where the guide is silent, these scenarios follow Parse Server 9's
  defaults: an upload needs a logged-in user or the master key (the
  guide's example predates that; Parse Server refuses uploads from the
  public and from anonymous users since version 5, for safety), names are
  letters, digits, `_`, `@`, `.`, `~`, `-` and spaces, at most 128 of
  them, and a file over the server's upload limit is refused with HTTP
  413 (the guide: "files are limited to 10 megabytes").

  Source: Parse REST API guide, Files ("Uploading Files", "Associating
  with Objects", "Deleting Files"); Quick Reference, Files API.

  Background:
    Given the client uses the application id and the REST API key
    And a user alice signed up with password "p_n7!-e8"
    And the client uses the session token of alice

  @id.files.upload-answers-name-and-url
  Scenario: An upload answers 201 with a unique name ending in the given one and the file's url
    When the client uploads the file hello as "hello.txt" with content type "text/plain" and content:
      """
      Hello, World!
      """
    Then the response status is 201
    And the response names the file a unique name ending in "hello.txt", and gives its url in the body and the Location header

  @id.files.download-content
  Scenario: The file's url serves its content unchanged, without the application's keys
    When the client uploads the file hello as "hello.txt" with content type "text/plain" and content:
      """
      Hello, World!
      Grüße ✓
      """
    And the client downloads the file hello
    Then the response status is 200
    And the response content is:
      """
      Hello, World!
      Grüße ✓
      """
    And the response content type is "text/plain"
    And the response header "X-Content-Type-Options" is "nosniff"

  @id.files.download-content-type
  Scenario: An image is served with its content type
    When the client uploads the file pic as "pic.jpg" with content type "image/jpeg" and content:
      """
      not really a JPEG
      """
    And the client downloads the file pic
    Then the response status is 200
    And the response content type is "image/jpeg"

  # The guide asks for a Content-Type; Parse Server takes an upload without
  # one and serves it with the type of the name's extension.
  @id.files.no-content-type
  Scenario: A file uploaded without a content type is served with the type its extension says
    When the client uploads the file notes as "notes.txt" without a content type, with content:
      """
      Hello, World!
      """
    Then the response status is 201
    When the client downloads the file notes
    Then the response status is 200
    And the response content type is "text/plain"

  # Next to the refusals of security/file-uploads.feature: the type a file
  # is served with follows its name, not what the upload claimed.
  @id.files.served-as-named
  Scenario: A .txt file uploaded as text/html is served as text/plain
    When the client uploads the file page as "page.txt" with content type "text/html" and content:
      """
      <script>alert(document.cookie)</script>
      """
    And the client downloads the file page
    Then the response status is 200
    And the response content type is "text/plain"

  @id.files.master-key-uploads-html
  Scenario: The master key may upload an .html file
    Given the client uses the master key
    When the client uploads the file page as "page.html" with content type "text/html" and content:
      """
      <p>Release notes</p>
      """
    Then the response status is 201

  @id.files.same-name-kept-apart
  Scenario: Two uploads of the same name are two files; neither overwrites the other
    When the client uploads the file first as "hello.txt" with content type "text/plain" and content:
      """
      the first one
      """
    And the client uploads the file second as "hello.txt" with content type "text/plain" and content:
      """
      the second one
      """
    Then the files first and second have different names
    When the client downloads the file first
    Then the response content is:
      """
      the first one
      """
    When the client downloads the file second
    Then the response content is:
      """
      the second one
      """

  @id.files.associate-with-object
  Scenario: An object refers to an uploaded file by its name and url, and is read back so
    Given the class PlayerProfile exists
    When the client uploads the file picture as "profile.png" with content type "image/png" and content:
      """
      not really a PNG
      """
    And the client sends POST /classes/{{PlayerProfile}} with body:
      """
      {"name": "Andrew", "picture": {"__type": "File", "name": "{{picture.name}}", "url": "{{picture.url}}"}}
      """
    Then the response status is 201
    And the object at the response's Location contains:
      """
      {"name": "Andrew", "picture": {"__type": "File", "name": "{{picture.name}}", "url": "{{picture.url}}"}}
      """

  @id.files.object-file-gets-url
  Scenario: A file an object names without its url is read back with the url of the upload
    Given the class PlayerProfile exists
    When the client uploads the file picture as "profile.png" with content type "image/png" and content:
      """
      not really a PNG
      """
    And the client sends POST /classes/{{PlayerProfile}} with body:
      """
      {"picture": {"__type": "File", "name": "{{picture.name}}"}}
      """
    Then the response status is 201
    And the object at the response's Location contains:
      """
      {"picture": {"__type": "File", "name": "{{picture.name}}", "url": "{{picture.url}}"}}
      """

  # Parse Server keeps only a file's name and makes its url when it reads
  # the object, so an object cannot point its file at another server.
  @id.files.object-file-url-from-server
  Scenario: A file an object names with another url is read back with the server's url for it
    Given the class PlayerProfile exists
    When the client uploads the file picture as "profile.png" with content type "image/png" and content:
      """
      not really a PNG
      """
    And the client sends POST /classes/{{PlayerProfile}} with body:
      """
      {"picture": {"__type": "File", "name": "{{picture.name}}", "url": "https://elsewhere.example.com/profile.png"}}
      """
    Then the response status is 201
    And the object at the response's Location contains:
      """
      {"picture": {"__type": "File", "name": "{{picture.name}}", "url": "{{picture.url}}"}}
      """

  @id.files.delete-with-master-key
  Scenario: The master key deletes a file by its stored name; its url then answers 404
    Given the client uploads the file hello as "hello.txt" with content type "text/plain" and content:
      """
      Hello, World!
      """
    And the client uses the master key
    When the client sends DELETE /files/{{hello.name}}
    Then the response status is 200
    When the client downloads the file hello
    Then the response status is 404

  # Parse Server answers this 403 without a Content-Type header.
  @id.files.delete-needs-master-key
  Scenario: A user without the master key cannot delete a file: HTTP 403, and the file stays
    Given the client uploads the file hello as "hello.txt" with content type "text/plain" and content:
      """
      Hello, World!
      """
    When the client sends DELETE /files/{{hello.name}}
    Then the response status is 403
    And the response body is:
      """
      {"error": "Permission denied"}
      """
    When the client downloads the file hello
    Then the response status is 200
    And the response content is:
      """
      Hello, World!
      """

  @id.files.delete-unknown
  Scenario: Deleting a file that does not exist is the Parse error 153
    Given the client uses the master key
    When the client sends DELETE /files/{{nothing}}.txt
    Then the response status is 400
    And the response is a Parse error with code 153

  @id.files.unknown-file-not-found
  Scenario: The url of a file that does not exist answers 404
    When the client sends GET {{target}}/files/{{app_id}}/{{nothing}}.txt
    Then the response status is 404

  @id.files.other-application-refused
  Scenario: A file url under another application id answers HTTP 403
    # The guide names no body for this refusal, and Parse Server's differs
    # by version: 9.10.0 answers {"error": "Permission denied"} (its session
    # middleware, as the request carries a session token), 8.x the Parse
    # error 119 "Invalid application ID." (FilesRouter getHandler).
    When the client sends GET {{target}}/files/{{otherApp}}/{{nothing}}.txt
    Then the response status is 403

  @id.files.public-upload-refused
  Scenario: An upload without a logged-in user is refused with code 130
    Given the client sends no session token
    When the client uploads the file hello as "hello.txt" with content type "text/plain" and content:
      """
      Hello, World!
      """
    Then the response status is 400
    And the response is the Parse error 130 "File upload by public is disabled."

  @id.files.anonymous-upload-refused
  Scenario: An upload by an anonymous user is refused with code 130
    Given the client sends no session token
    And a user ghost signed up with:
      """
      {"authData": {"anonymous": {"id": "{{anonymousId}}"}}}
      """
    And the client uses the session token of ghost
    When the client uploads the file hello as "hello.txt" with content type "text/plain" and content:
      """
      Hello, World!
      """
    Then the response status is 400
    And the response is the Parse error 130 "File upload by anonymous user is disabled."

  @id.files.master-key-uploads
  Scenario: The master key uploads a file without a logged-in user
    Given the client sends no session token
    And the client uses the master key
    When the client uploads the file hello as "hello.txt" with content type "text/plain" and content:
      """
      Hello, World!
      """
    Then the response status is 201

  # Parse Server answers this 403 without a Content-Type header.
  @id.files.needs-application-id
  Scenario: An upload without the application id is refused as unauthorized
    Given the client sends no application id
    When the client uploads the file hello as "hello.txt" with content type "text/plain" and content:
      """
      Hello, World!
      """
    Then the response is the unauthorized error

  @id.files.too-large @max-upload-size
  Scenario: A file over the upload limit is refused with HTTP 413
    When the client uploads the file big as "big.txt" with content type "text/plain" and one byte more than the upload limit
    Then the response status is 413
    And the response body is:
      """
      {"error": "request entity too large"}
      """

  @id.files.empty-upload
  Scenario: An upload without content is refused with code 130
    When the client uploads the file empty as "empty.txt" with content type "text/plain" and no content
    Then the response status is 400
    And the response is the Parse error 130 "Invalid file upload."

  @id.files.name-characters
  Scenario: A file name may hold _ @ . ~ - and spaces, and its url serves it
    When the client uploads the file notes as "_my notes@v1~final-2.txt" with content type "text/plain" and content:
      """
      Hello, World!
      """
    Then the response status is 201
    And the response names the file a unique name ending in "_my notes@v1~final-2.txt", and gives its url in the body and the Location header
    When the client downloads the file notes
    Then the response status is 200
    And the response content is:
      """
      Hello, World!
      """

  @id.files.name-longest
  Scenario: A file name of 128 characters is accepted
    When the client uploads the file long as "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.txt" with content type "text/plain" and content:
      """
      Hello, World!
      """
    Then the response status is 201

  @id.files.invalid-name
  Scenario: A file name with a character outside letters, digits and _ @ . ~ - is refused with code 122
    When the client uploads the file bad as "my*file.txt" with content type "text/plain" and content:
      """
      Hello, World!
      """
    Then the response status is 400
    And the response is the Parse error 122 "Filename contains invalid characters."

  @id.files.name-starts-with-dot
  Scenario: A file name starting with a dot is refused with code 122
    When the client uploads the file bad as ".hidden" with content type "text/plain" and content:
      """
      Hello, World!
      """
    Then the response status is 400
    And the response is the Parse error 122 "Filename contains invalid characters."

  @id.files.name-too-long
  Scenario: A file name over 128 characters is refused with code 122
    When the client uploads the file long as "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.txt" with content type "text/plain" and content:
      """
      Hello, World!
      """
    Then the response status is 400
    And the response is the Parse error 122 "Filename too long."

  @id.files.no-name
  Scenario: An upload without a file name is refused with code 122
    When the client sends POST /files with body:
      """
      {"hello": "world"}
      """
    Then the response status is 400
    And the response is the Parse error 122 "Filename not provided."
