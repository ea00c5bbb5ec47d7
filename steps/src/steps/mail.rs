//! Steps about mail: the verification and password-reset emails a target
//! sends, and the pages behind their links, used as a person would use them.
//!
//! A scenario names a mailbox by its address, e.g.
//! `{{cooldude6}}@example.com`; the address is unique to the scenario, so
//! every mail to it is the scenario's own.

use std::time::{Duration, Instant};

use cucumber::{given, then, when};
use reqwest::Method;

use crate::{
    client::Request,
    form::Form,
    mail::Mail,
    world::{Failure, ParseWorld, StepResult},
};

/// How long a mail may take to arrive: servers send mail in the background.
const MAIL_WAIT: Duration = Duration::from_secs(10);

/// How long the suite listens before it concludes that no mail was sent.
const QUIET_WAIT: Duration = Duration::from_secs(2);

/// How often the mailbox is looked at while waiting.
const POLL: Duration = Duration::from_millis(100);

/// What a mail is for, told by its link: Parse's pages are
/// `/apps/:appId/verify_email` and `/apps/:appId/request_password_reset`.
#[derive(Clone, Copy, Debug)]
enum Purpose {
    /// Any mail with a link.
    Any,
    /// A link that verifies an email.
    VerifyEmail,
    /// A link to the page that resets a password.
    ResetPassword,
}

impl Purpose {
    /// How a message names the purpose.
    fn describe(self) -> &'static str {
        match self {
            Purpose::Any => "",
            Purpose::VerifyEmail => " to verify the email",
            Purpose::ResetPassword => " to reset the password",
        }
    }

    fn from_words(words: &str) -> Purpose {
        match words {
            "verify the email" => Purpose::VerifyEmail,
            "reset the password" => Purpose::ResetPassword,
            _ => Purpose::Any,
        }
    }

    /// The link of `mail` that serves this purpose.
    fn link_in(self, mail: &Mail) -> Option<String> {
        let wanted = match self {
            Purpose::Any => "",
            Purpose::VerifyEmail => "/verify_email",
            Purpose::ResetPassword => "/request_password_reset",
        };
        mail.links().into_iter().find(|l| l.contains(wanted))
    }
}

/// The next mail to `address` that the scenario has not read yet and that
/// has a link for `purpose`, with that link, if one comes within `wait`.
/// Other mails stay unread.
async fn next_mail(
    world: &mut ParseWorld,
    address: &str,
    purpose: Purpose,
    wait: Duration,
) -> Result<Option<(Mail, String)>, Failure> {
    let run = world.run.clone();
    let mailbox = run.mailbox.as_ref().ok_or_else(|| {
        Failure::new(
            "this step reads the target's mail, but the run has no mailbox (--smtp-sink or --mailbox-url)",
        )
    })?;
    let deadline = Instant::now() + wait;
    loop {
        let mails = mailbox.mails_to(address).await.map_err(Failure::new)?;
        let read = world.mails_read.entry(address.to_owned()).or_default();
        let found = mails.into_iter().enumerate().find_map(|(i, mail)| {
            let link = purpose.link_in(&mail).filter(|_| !read.contains(&i))?;
            Some((i, mail, link))
        });
        if let Some((i, mail, link)) = found {
            read.insert(i);
            return Ok(Some((mail, link)));
        }
        if Instant::now() >= deadline {
            return Ok(None);
        }
        tokio::time::sleep(POLL).await;
    }
}

#[given(
    regex = r"^(\S+@\S+) receives an email with a link(?: to (verify the email|reset the password))?$"
)]
#[then(
    regex = r"^(\S+@\S+) receives an email with a link(?: to (verify the email|reset the password))?$"
)]
async fn receives_mail_with_link(
    world: &mut ParseWorld,
    address: String,
    purpose: String,
) -> StepResult {
    let address = world.render(&address)?;
    let purpose = Purpose::from_words(&purpose);
    match next_mail(world, &address, purpose, MAIL_WAIT).await? {
        Some((_, link)) => {
            world.link = Some(link);
            Ok(())
        }
        None => {
            let mailbox = world.run.mailbox.as_ref().map(|m| m.describe());
            Err(world.fail(format!(
                "no new email to {address} with a link{} arrived within {} s at {}",
                purpose.describe(),
                MAIL_WAIT.as_secs(),
                mailbox.unwrap_or_default()
            )))
        }
    }
}

#[then(regex = r"^(\S+@\S+) receives no email(?: to (verify the email|reset the password))?$")]
async fn receives_no_mail(world: &mut ParseWorld, address: String, purpose: String) -> StepResult {
    let address = world.render(&address)?;
    let purpose = Purpose::from_words(&purpose);
    match next_mail(world, &address, purpose, QUIET_WAIT).await? {
        None => Ok(()),
        Some((mail, _)) => Err(world.fail(format!(
            "an email to {address}{} arrived, and none should have: {:?}",
            purpose.describe(),
            mail.subject
        ))),
    }
}

/// The link of the last mail read.
fn link(world: &ParseWorld) -> Result<String, Failure> {
    world
        .link
        .clone()
        .ok_or_else(|| Failure::new("no email with a link was read in this scenario"))
}

/// A request as a browser sends it: none of the scenario's Parse headers.
fn browser_request(method: Method, url: String, form: Option<String>) -> Request {
    let headers = match form {
        Some(_) => vec![(
            "Content-Type".to_owned(),
            "application/x-www-form-urlencoded".to_owned(),
        )],
        None => Vec::new(),
    };
    Request {
        method,
        url,
        headers,
        body: form,
    }
}

#[given("the client follows the link in the email")]
#[when("the client follows the link in the email")]
async fn follows_link(world: &mut ParseWorld) -> StepResult {
    let request = browser_request(Method::GET, link(world)?, None);
    world.send(request).await?;
    Ok(())
}

/// A token of a mailed link's length that no server sent: 25 random hex digits.
fn forged_token() -> String {
    format!("{:025x}", rand::random::<u128>())
}

/// Replaces the token of the link with one the server never sent, as
/// someone guessing links would.
#[given("the token in the link is replaced by one the server never sent")]
fn forges_token(world: &mut ParseWorld) -> StepResult {
    let mut url = url::Url::parse(&link(world)?).map_err(|e| Failure::new(e.to_string()))?;
    let forged = forged_token();
    let pairs: Vec<(String, String)> = url
        .query_pairs()
        .map(|(k, v)| match k.as_ref() {
            "token" => (k.into_owned(), forged.clone()),
            _ => (k.into_owned(), v.into_owned()),
        })
        .collect();
    if !pairs.iter().any(|(k, _)| k == "token") {
        return Err(world.fail("the link in the email has no token parameter"));
    }
    url.query_pairs_mut().clear().extend_pairs(pairs);
    world.link = Some(url.to_string());
    Ok(())
}

/// Opens the page behind the link and submits its form with `password` in
/// every password field, as a person choosing a new password does.
#[when(expr = "the client chooses the new password {string} on the page of the link in the email")]
async fn chooses_new_password(world: &mut ParseWorld, password: String) -> StepResult {
    match submit_new_password(world, &password, false).await? {
        true => Ok(()),
        false => Err(world.fail("the page behind the link has no form")),
    }
}

/// As [`chooses_new_password`], for a link that may no longer work: a page
/// without a form (one that says the link is invalid) is an answer too.
#[when(
    expr = "the client tries to choose the new password {string} on the page of the link in the email"
)]
async fn tries_new_password(world: &mut ParseWorld, password: String) -> StepResult {
    submit_new_password(world, &password, false)
        .await
        .map(|_| ())
}

/// As [`chooses_new_password`], but the form's `token` field is replaced by
/// one the server never sent before it is submitted, as a forger would.
#[when(
    expr = "the client submits the new password {string} on the page of the link in the email with a token the server never sent"
)]
async fn submits_with_forged_token(world: &mut ParseWorld, password: String) -> StepResult {
    match submit_new_password(world, &password, true).await? {
        true => Ok(()),
        false => Err(world.fail("the page behind the link has no form")),
    }
}

/// GHSA-r3xq-68wh-gwvh's race: the page behind the link is opened once and
/// its form submitted by `count` clients at the same time, the n-th with
/// `password` followed by `-n`, each as an XMLHttpRequest (as a page's
/// script sends it), so that the answers are JSON: a success, or a Parse
/// error. The submissions are kept as the scenario's last burst.
#[when(
    expr = "{int} clients at the same time choose the new password {string} followed by their number on the page of the link in the email, as XMLHttpRequests"
)]
async fn choose_new_passwords_at_once(
    world: &mut ParseWorld,
    count: usize,
    password: String,
) -> StepResult {
    let Some(LinkForm {
        form,
        action,
        method,
    }) = open_link_form(world).await?
    else {
        return Err(world.fail("the page behind the link has no form"));
    };
    let requests = (1..=count)
        .map(|n| {
            let body = form.submission_with_password(&format!("{password}-{n}"));
            let mut request = browser_request(method.clone(), action.to_string(), Some(body));
            request
                .headers
                .push(("X-Requested-With".to_owned(), "XMLHttpRequest".to_owned()));
            request
        })
        .collect();
    super::concurrency::burst(world, requests).await
}

/// The first form of the page behind the link in the email, with where and
/// how it is sent.
struct LinkForm {
    form: Form,
    action: url::Url,
    method: Method,
}

/// Opens the page behind the link; its first form, if it has one.
async fn open_link_form(world: &mut ParseWorld) -> Result<Option<LinkForm>, Failure> {
    let link = link(world)?;
    let page = world
        .send(browser_request(Method::GET, link.clone(), None))
        .await?;
    let Some(form) = Form::first_in(&page.response.body) else {
        return Ok(None);
    };
    let action = url::Url::parse(&link)
        .and_then(|base| base.join(&form.action))
        .map_err(|e| {
            world.fail(format!(
                "the form's action {:?} is not a URL: {e}",
                form.action
            ))
        })?;
    let method =
        Method::from_bytes(form.method.as_bytes()).map_err(|e| Failure::new(e.to_string()))?;
    Ok(Some(LinkForm {
        form,
        action,
        method,
    }))
}

/// Opens the page behind the link and, if it has a form, submits it with
/// `password` typed into its password fields (and, if `forge`, a token the
/// server never sent). Whether there was a form.
async fn submit_new_password(
    world: &mut ParseWorld,
    password: &str,
    forge: bool,
) -> Result<bool, Failure> {
    let Some(LinkForm {
        mut form,
        action,
        method,
    }) = open_link_form(world).await?
    else {
        return Ok(false);
    };
    if forge && !form.set("token", &forged_token()) {
        return Err(world.fail("the form on the page has no token field to forge"));
    }
    let body = form.submission_with_password(password);
    world
        .send(browser_request(method, action.to_string(), Some(body)))
        .await?;
    Ok(true)
}
