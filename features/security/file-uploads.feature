@security @security-files
Feature: Files that browsers would run are not uploaded by clients
  A file's url is served from the API's own origin, so a file a browser
  renders as a page (HTML, SVG, XML and their relatives) could run script
  with access to what the app keeps in that origin, session tokens
  included. Clients may not upload such files: not by the name's
  extension, whatever its case, not through a content type when the name
  has no extension the server knows, and not through a content type that
  does not parse. The code is 130. (The master key may; see
  files/files.feature.)

  Source: Parse Server security advisories (GitHub Security Advisories,
  named in a comment above each scenario); Parse Server's default
  `fileUpload.fileExtensions`.

  Background:
    Given the client uses the application id and the REST API key
    And a user alice signed up with password "p_n7!-e8"
    And the client uses the session token of alice

  # GHSA-9prm-jqwx-45x9, GHSA-v5hf-f4c3-m5rv: stored XSS through uploaded HTML.
  @id.security.file-html-refused
  Scenario: A client's upload of an .html file is refused with code 130
    When the client uploads the file page as "page.html" with content type "text/html" and content:
      """
      <script>alert(document.cookie)</script>
      """
    Then the response status is 400
    And the response is the Parse error 130 "File upload of extension html is disabled."

  # GHSA-9prm-jqwx-45x9: the extension is compared without regard to case.
  @id.security.file-html-any-case
  Scenario: An .HTML file is refused whatever the case of its extension and its content type
    When the client uploads the file page as "page.HTML" with content type "text/plain" and content:
      """
      <script>alert(document.cookie)</script>
      """
    Then the response status is 400
    And the response is the Parse error 130 "File upload of extension HTML is disabled."

  # GHSA-hcj7-6gxh-24ww: stored XSS through uploaded SVG.
  @id.security.file-svg-refused
  Scenario: A client's upload of an .svg file is refused with code 130
    When the client uploads the file logo as "logo.svg" with content type "image/svg+xml" and content:
      """
      <svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>
      """
    Then the response status is 400
    And the response is the Parse error 130 "File upload of extension svg is disabled."

  # GHSA-v5hf-f4c3-m5rv: XML and its relatives render as active content too.
  @id.security.file-xml-refused
  Scenario: A client's upload of an .xml file is refused with code 130
    When the client uploads the file feed as "feed.xml" with content type "application/xml" and content:
      """
      <a/>
      """
    Then the response status is 400
    And the response is the Parse error 130 "File upload of extension xml is disabled."

  # GHSA-v5hf-f4c3-m5rv: a name without an extension is judged by its content type.
  @id.security.file-html-type-no-extension
  Scenario: A name without extension uploaded as text/html is refused with code 130
    When the client uploads the file page as "page" with content type "text/html" and content:
      """
      <script>alert(document.cookie)</script>
      """
    Then the response status is 400
    And the response is the Parse error 130 "File upload of extension html is disabled."

  # GHSA-7wqv-xjf3-x35v: a trailing dot leaves the name without an extension.
  @id.security.file-trailing-dot
  Scenario: A name ending in a dot uploaded as text/html is refused with code 130
    When the client uploads the file page as "page.html." with content type "text/html" and content:
      """
      <script>alert(document.cookie)</script>
      """
    Then the response status is 400
    And the response is the Parse error 130 "File upload of extension html is disabled."

  # GHSA-v8x7-r927-cc93: an extension no one knows does not let a type through.
  @id.security.file-unknown-extension
  Scenario: A name with an unknown extension uploaded as image/svg+xml is refused with code 130
    When the client uploads the file logo as "logo.zzq" with content type "image/svg+xml" and content:
      """
      <svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>
      """
    Then the response status is 400
    And the response is the Parse error 130 "File upload of extension svg+xml is disabled."

  # GHSA-r899-h629-j84r: a content type that does not parse is refused.
  @id.security.file-malformed-content-type
  Scenario: An upload whose content type has no subtype is refused with code 130
    When the client uploads the file logo as "logo.zzq" with content type "image/" and content:
      """
      <svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>
      """
    Then the response status is 400
    And the response is the Parse error 130 "Invalid Content-Type."
