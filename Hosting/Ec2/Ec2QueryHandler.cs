using System.Net;
using System.Xml.Linq;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Net.Http.Headers;

namespace Backend.Hosting.Ec2;

/// <summary>Serves EC2 Query protocol requests: parameters in, an XML document out, errors as EC2 words them.</summary>
internal sealed class Ec2QueryHandler(Ec2Actions actions, ILogger logger)
{
    public async Task HandleAsync(HttpContext http)
    {
        // EC2 request ids are GUIDs; the SDK puts them on exceptions.
        var requestId = Guid.NewGuid().ToString();
        var action = "(no action)";
        XElement body;
        var status = HttpStatusCode.OK;
        try
        {
            // Any SigV4 signature is accepted, since a local stand-in has no accounts to check it
            // against; an unsigned request is still refused, so that a client that forgot its
            // credentials fails here as it would against EC2.
            if (!http.Request.Headers.ContainsKey(HeaderNames.Authorization))
            {
                throw Ec2ApiException.AuthFailure();
            }
            var request = await Ec2QueryRequest.ReadAsync(http.Request, http.RequestAborted).ConfigureAwait(false);
            action = request.Action;
            body = actions.Handle(request, requestId);
        }
        catch (Ec2ApiException refusal)
        {
            Ec2Log.Refused(logger, action, refusal.Code, refusal.Message);
            status = refusal.Status;
            body = Ec2Xml.Error(refusal.Code, refusal.Message, requestId);
        }
        catch (Exception exception) when (!http.RequestAborted.IsCancellationRequested)
        {
            // A 500 is what EC2 answers for its own faults; the SDK retries it.
            Ec2Log.RequestFailed(logger, action, exception);
            status = HttpStatusCode.InternalServerError;
            body = Ec2Xml.Error("InternalError", "An internal error has occurred", requestId);
        }
        http.Response.StatusCode = (int)status;
        http.Response.ContentType = "text/xml;charset=UTF-8";
        await new XDocument(body).SaveAsync(http.Response.Body, SaveOptions.DisableFormatting, http.RequestAborted).ConfigureAwait(false);
    }
}
