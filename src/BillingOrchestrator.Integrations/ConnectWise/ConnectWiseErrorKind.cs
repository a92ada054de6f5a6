namespace BillingOrchestrator.Integrations.ConnectWise;

/// <summary>Why a ConnectWise call failed, so callers can react without parsing messages.</summary>
public enum ConnectWiseErrorKind
{
    /// <summary>401: the company id, public key or private key was rejected (or the key expired).</summary>
    Credentials,

    /// <summary>403: the API member's security role does not allow this endpoint.</summary>
    Permission,

    /// <summary>404: wrong base URL or codebase, or the record does not exist.</summary>
    NotFound,

    /// <summary>429 on every attempt.</summary>
    RateLimited,

    /// <summary>5xx on every attempt.</summary>
    ServerError,

    /// <summary>Every attempt timed out.</summary>
    Timeout,

    /// <summary>The connection failed on every attempt.</summary>
    Network,

    /// <summary>The response was not the JSON expected.</summary>
    MalformedResponse,

    /// <summary>Another refusal, such as 400 for a bad <c>conditions</c> expression.</summary>
    Rejected,
}
